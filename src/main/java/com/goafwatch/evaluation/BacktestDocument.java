package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.goafwatch.threshold.Level;

/**
 * What a draft rule would have done over stored history: the evaluator's cycles at {@code from + k × stepSeconds}
 * (k = 1 … cycles), with trackers starting from nothing, as a newly saved rule's do.
 *
 * @param alerts      the threshold alerts it would have raised or escalated, in time order
 * @param transitions every change of state (raised, escalated, lowered, cleared, no_data, data_back), in time order
 * @param parcels     the parcels the draft is in force on and measured by a sensor of its kind
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BacktestDocument(long projectId, Long ruleId, Instant from, Instant to, long stepSeconds, int cycles, int parcels,
        List<Event> alerts, List<Event> transitions, double elapsedMs) {

    /** One transition of the draft rule on one parcel at one cycle. {@code value} and {@code threshold} in the rule's unit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, long parcelId, String parcelCode, long phaseId, String change, Level level, Level previousLevel,
            Double value, Double threshold) {
    }
}
