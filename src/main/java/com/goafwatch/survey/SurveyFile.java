package com.goafwatch.survey;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.goafwatch.system.BoundedLineReader;

import tools.jackson.databind.JsonNode;

/**
 * Survey readings as CSV or JSON, read into rows; the time stays text for the site's zone rules.
 *
 * <pre>
 * sensor,time,easting_m,northing_m,height_m
 * SM-01,2026-05-01T09:00:00+08:00,512345.6781,3921456.1234,35.1203
 *
 * {"readings": [{"sensor": "SM-01", "time": "2026-05-01T09:00:00+08:00",
 *                "eastingM": 512345.6781, "northingM": 3921456.1234, "heightM": 35.1203}]}
 * </pre>
 *
 * Columns carry their unit; {@code easting_mm}, {@code x}/{@code y} or a missing column are refused with the
 * header line named, because an unlabelled x/y pair is where easting and northing get swapped.
 */
final class SurveyFile {

    /** Where bad rows go: line (CSV, 1-based) or index (JSON, 0-based) and reason. */
    interface Errors {
        void add(long line, String reason);
    }

    record Row(long line, String sensor, String time, SurveyPoint point) {
    }

    private static final List<String> COLUMNS = List.of("sensor", "time", "easting_m", "northing_m", "height_m");
    private static final Map<String, String> JSON_FIELDS = Map.of("easting_m", "eastingM", "northing_m", "northingM", "height_m", "heightM");

    private SurveyFile() {
    }

    static List<Row> csv(Reader text, SurveyProperties limits, Errors errors) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        List<Row> rows = new ArrayList<>();
        Reader bounded = new BoundedLineReader(text, limits.maxLineLength(), false, "goafwatch.survey.max-line-length");
        try (CSVParser parser = CSVParser.builder().setReader(bounded).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            if (!header.containsAll(COLUMNS) || header.size() != COLUMNS.size()) {
                errors.add(1, "the header must name exactly " + String.join(",", COLUMNS) + " (metres in the project's survey CRS); got "
                        + String.join(",", parser.getHeaderNames()));
                return rows;
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (rows.size() >= limits.maxRows()) {
                    throw new TooManyReadings(limits.maxRows());
                }
                if (r.size() != COLUMNS.size()) {
                    errors.add(line, "row has " + r.size() + " values; the header has " + COLUMNS.size());
                    continue;
                }
                try {
                    rows.add(new Row(line, r.get(header.indexOf("sensor")).trim(), r.get(header.indexOf("time")),
                            new SurveyPoint(number(r.get(header.indexOf("easting_m")), "easting_m"),
                                    number(r.get(header.indexOf("northing_m")), "northing_m"), number(r.get(header.indexOf("height_m")), "height_m"))));
                } catch (IllegalArgumentException e) {
                    errors.add(line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            errors.add(-1, "malformed CSV: " + e.getMessage());
        }
        return rows;
    }

    static List<Row> json(JsonNode body, SurveyProperties limits, Errors errors) {
        JsonNode readings = body == null ? null : body.path("readings");
        if (readings == null || !readings.isArray() || readings.isEmpty()) {
            throw new IllegalArgumentException("body must be {\"readings\": [{\"sensor\": …, \"time\": …, \"eastingM\": …, \"northingM\": …, "
                    + "\"heightM\": …}, …]} with at least one reading");
        }
        if (readings.size() > limits.maxRows()) {
            throw new TooManyReadings(limits.maxRows());
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            JsonNode r = readings.get(i);
            try {
                rows.add(new Row(i, text(r, "sensor"), text(r, "time"), new SurveyPoint(number(r, "easting_m"), number(r, "northing_m"),
                        number(r, "height_m"))));
            } catch (IllegalArgumentException e) {
                errors.add(i, e.getMessage());
            }
        }
        return rows;
    }

    /** More readings than one import may hold. */
    static final class TooManyReadings extends RuntimeException {
        final int limit;

        TooManyReadings(int limit) {
            super("more than " + limit + " readings");
            this.limit = limit;
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode n = r.path(field);
        if (!n.isString() || n.asString().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string; got " + (n.isMissingNode() ? "nothing" : n.toString()));
        }
        return n.asString().trim();
    }

    private static double number(JsonNode r, String column) {
        String field = JSON_FIELDS.get(column);
        JsonNode n = r.path(field);
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new IllegalArgumentException(field + " must be a number of metres; got " + (n.isMissingNode() ? "nothing" : n.toString()));
        }
        return n.asDouble();
    }

    private static double number(String text, String column) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(column + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' is not a number");
    }
}
