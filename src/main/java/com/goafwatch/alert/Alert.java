package com.goafwatch.alert;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An alert: a threshold alert (kind {@code threshold}, with its current and peak level) or a no-data alert.
 * A no-data alert raised by the evaluator belongs to one silent sensor ({@code sensorKind} cable or marker,
 * {@code sensorCode}); its evidence names the parcels and rules it affects ({@code affected}).
 * {@code events} is its history, present on single-alert reads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(long id, long projectId, long phaseId, long parcelId, String parcelCode, Long ruleId, String ruleName, String metric,
        String kind, String state, String level, String peakLevel, Double value, Double threshold, String unit,
        @JsonRawValue String evidence, OffsetDateTime raisedAt, OffsetDateTime updatedAt, OffsetDateTime acknowledgedAt,
        String acknowledgedBy, OffsetDateTime clearedAt, String sensorKind, Long sensorId, String sensorCode, List<AlertEvent> events) {

    Alert withEvents(List<AlertEvent> history) {
        return new Alert(id, projectId, phaseId, parcelId, parcelCode, ruleId, ruleName, metric, kind, state, level, peakLevel, value,
                threshold, unit, evidence, raisedAt, updatedAt, acknowledgedAt, acknowledgedBy, clearedAt, sensorKind, sensorId, sensorCode, history);
    }
}
