package com.goafwatch.threshold;

/**
 * Body of rule create and update. Scope: none (the project), {@code phaseId} or {@code parcelId}. Levels are
 * absolute values in the metric's unit, or with {@code levelMode: "percent"} percentages of
 * {@code controlValue} (when all four are omitted: blue 50, yellow 70, orange 85, red 100). Durations in seconds.
 * {@code description}: what the rule checks and where its limits come from (standard and clause).
 */
public record RuleRequest(Long phaseId, Long parcelId, String name, String metric, String statistic, Double statisticParameter,
        Long windowSeconds, String unit, String levelMode, Double controlValue, Double blue, Double yellow, Double orange,
        Double red, Double hysteresisFraction, Integer pendingEvaluations, Long pendingSeconds, Long noDataAfterSeconds,
        Boolean spikeFilter, Boolean enabled, String description) {
}
