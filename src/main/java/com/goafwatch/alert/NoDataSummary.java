package com.goafwatch.alert;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One line of the alert list's no-data summary: a silent sensor, silent from its last reading (or from when
 * the silence was noticed) to when its data came back (null: still silent), and what it starved.
 * {@code sensorKind}/{@code sensorCode} are null only for no-data alerts from before V12 (one per parcel and rule).
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // silentTo null: still silent
record NoDataSummary(long alertId, String sensorKind, String sensorCode, String state, String silentFrom, OffsetDateTime silentTo,
        List<String> parcels, List<String> rules) {

    static List<NoDataSummary> of(List<Alert> noDataAlerts, ObjectMapper mapper) {
        List<NoDataSummary> out = new ArrayList<>();
        for (Alert a : noDataAlerts) {
            JsonNode evidence = a.evidence() == null ? null : mapper.readTree(a.evidence());
            Set<String> parcels = new LinkedHashSet<>();
            Set<String> rules = new LinkedHashSet<>();
            String from = String.valueOf(a.raisedAt());
            if (evidence != null && evidence.has("affected")) {
                evidence.get("affected").forEach(x -> {
                    parcels.add(x.path("parcelCode").asString(""));
                    rules.add(x.path("ruleName").asString(""));
                });
                JsonNode last = evidence.get("lastReadingAt");
                if (last != null && !last.isNull()) {
                    from = last.asString();
                }
            } else {
                // a no-data alert from before sensors owned them: one parcel and rule
                parcels.add(a.parcelCode());
                rules.add(a.ruleName());
            }
            out.add(new NoDataSummary(a.id(), a.sensorKind(), a.sensorCode(), a.state(), from, a.clearedAt(), List.copyOf(parcels),
                    List.copyOf(rules)));
        }
        return out;
    }
}
