package com.goafwatch.timeseries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One series of an InfluxQL result: its GROUP BY tags and its rows as column → value maps (numbers as
 * Double, {@code time} as epoch milliseconds when queried with {@code epoch=ms}). An empty result gives
 * no series.
 */
public record InfluxSeries(Map<String, String> tags, List<Map<String, Object>> rows) {

    /** The series of the first statement of a /query response. */
    public static List<InfluxSeries> of(JsonNode response) {
        return of(response, 0);
    }

    /** The series of statement {@code statement} of a multi-statement /query response. */
    public static List<InfluxSeries> of(JsonNode response, int statement) {
        List<InfluxSeries> result = new ArrayList<>();
        JsonNode series = null;
        for (JsonNode r : response.path("results")) {
            if (r.path("statement_id").asInt(-1) == statement) {
                series = r.path("series");
            }
        }
        if (series == null) {
            series = response.path("results").path(statement).path("series");
        }
        for (JsonNode s : series) {
            Map<String, String> tags = new HashMap<>();
            s.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
            List<String> columns = new ArrayList<>();
            s.path("columns").forEach(c -> columns.add(c.asString()));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode values : s.path("values")) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode v = values.path(i);
                    row.put(columns.get(i), v.isNull() ? null : v.isNumber() ? (Object) v.asDouble() : v.asString());
                }
                rows.add(row);
            }
            result.add(new InfluxSeries(tags, rows));
        }
        return result;
    }

    public static Double number(Map<String, Object> row, String column) {
        return row.get(column) instanceof Double d ? d : null;
    }
}
