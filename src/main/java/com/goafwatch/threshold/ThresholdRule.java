package com.goafwatch.threshold;

/**
 * A validated rule. Levels are as given (absolute, or percent of {@code controlValue}); {@link #threshold}
 * gives the absolute value of a level in the metric's unit, null when the rule has no such level.
 */
public record ThresholdRule(long id, long projectId, Long phaseId, Long parcelId, String name, Metric metric, Statistic statistic,
        Double statisticParameter, long windowSeconds, String unit, String levelMode, Double controlValue, Double blue,
        Double yellow, Double orange, Double red, double hysteresisFraction, int pendingEvaluations, Long pendingSeconds,
        long noDataAfterSeconds, boolean spikeFilter, boolean enabled) {

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

    /** 0 project, 1 phase, 2 parcel: the more specific wins. */
    public int specificity() {
        return parcelId != null ? 2 : phaseId != null ? 1 : 0;
    }
}
