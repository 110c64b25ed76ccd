package com.goafwatch.forecast;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A marker's settlement forecast. Settlement in mm, positive downward, on the series' own zero.
 *
 * @param status       {@code forecast}, {@code insufficient_data} (too few or too short readings) or {@code not_settling}
 *                     (no model settles towards a final value: movement goes on or the series is noise)
 * @param model        the model used: the usable one with the smallest RMS residual
 * @param residualMm   settlement still to come: final − latest fitted value
 * @param stableOn     first day the model's mean rate over the criterion's window is at or below its limit (no earlier
 *                     than the last reading, nor than a full window after the first); null: not within 20 years
 * @param stableOnLatest upper end of the 95 % band of that date; null when part of the band lies beyond 20 years
 * @param observedRateMmPerDay least-squares rate of the readings in the last window (null: they cover less than half of it)
 * @param models       every model's fit, for comparison
 * @param projection   the used model's curve from the first reading to past the stability date (at most 20 years), with
 *                     the 2.5/97.5 percentiles of the drawn curves: for a chart with the forecast band; empty without a
 *                     forecast
 */
public record SettlementForecast(Status status, String reason, SettlementModel model, Double latestMm, Double finalMm,
        Double finalLowMm, Double finalHighMm, Double residualMm, LocalDate stableOn, LocalDate stableOnEarliest,
        LocalDate stableOnLatest, Double observedRateMmPerDay, StabilityCriterion criterion, List<ModelResult> models,
        List<ProjectedPoint> projection) {

    /** A day of the projected curve: settlement (mm) and its 95 % band (null without a band). */
    public record ProjectedPoint(LocalDate day, Double settlementMm, Double lowMm, Double highMm) {
    }

    /** The outcome of a forecast. */
    public enum Status {
        FORECAST("forecast"), INSUFFICIENT_DATA("insufficient_data"), NOT_SETTLING("not_settling");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }

    /** One model's fit: final settlement, RMS residual (mm) and stability date, or why it cannot be used. */
    public record ModelResult(SettlementModel model, boolean usable, Double finalMm, Double rmsMm, LocalDate stableOn, String reason) {
    }

    static SettlementForecast without(Status status, String reason, Double observedRate, StabilityCriterion criterion,
            List<ModelResult> models) {
        return new SettlementForecast(status, reason, null, null, null, null, null, null, null, null, null, observedRate, criterion,
                models, List.of());
    }
}
