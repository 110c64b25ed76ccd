package com.goafwatch.threshold;

/**
 * A validated rule. Levels are as given (absolute, or percent of {@code controlValue}); {@link #threshold}
 * gives the absolute value of a level in the metric's unit, null when the rule has no such level.
 * {@code noDataAfterSeconds} null: derived from the cadence of the sensors the rule reads
 * ({@link ReadingCadence#noDataAfterSeconds}); the evaluator judges with {@link #withNoDataAfterSeconds}.
 */
public record ThresholdRule(long id, long projectId, Long phaseId, Long parcelId, String name, Metric metric, Statistic statistic,
        Double statisticParameter, long windowSeconds, String unit, String levelMode, Double controlValue, Double blue,
        Double yellow, Double orange, Double red, double hysteresisFraction, int pendingEvaluations, Long pendingSeconds,
        Long noDataAfterSeconds, boolean spikeFilter, boolean enabled, String description) {

    public Double threshold(Level level) {
        Double v = switch (level) {
            case BLUE -> blue;
            case YELLOW -> yellow;
            case ORANGE -> orange;
            case RED -> red;
        };
        if (v == null) {
            return null;
        }
        return "percent".equals(levelMode) ? v / 100.0 * controlValue : v;
    }

    /** The same rule judged with this no-data age (the derived one when the rule has none of its own). */
    public ThresholdRule withNoDataAfterSeconds(long seconds) {
        return new ThresholdRule(id, projectId, phaseId, parcelId, name, metric, statistic, statisticParameter, windowSeconds, unit,
                levelMode, controlValue, blue, yellow, orange, red, hysteresisFraction, pendingEvaluations, pendingSeconds, seconds,
                spikeFilter, enabled, description);
    }

    /** 0 project, 1 phase, 2 parcel: the more specific wins. */
    public int specificity() {
        return parcelId != null ? 2 : phaseId != null ? 1 : 0;
    }
}
