package com.goafwatch.evaluation;

import java.util.List;

/**
 * A rule's value for one parcel in one evaluation, with the observation it came from; null value: no sample.
 * Spike-filtered fiber extremes come first as {@code perTrace} candidates ({@link #toConfirm}): the evaluator
 * decides with {@link TraceConfirmation} which value stands, and which excess waits for confirmation.
 *
 * @param unconfirmed an excess shown with the flag but not raised (null when none)
 * @param reason      why {@code unconfirmed} is not raised, or why the basis was raised unconfirmed
 */
record RuleValue(Double value, Observation basis, List<Observation> perTrace, long intervalSeconds, Double sustained,
        Observation unconfirmed, String reason) {

    static final RuleValue NONE = new RuleValue(null, null, null, 0, null, null, null);

    static RuleValue of(Observation o) {
        return o == null ? NONE : new RuleValue(o.value(), o, null, 0, null, null, null);
    }

    /** Per-trace candidates of a spike-filtered rule; {@code sustained}: the top trace's spatial value when already known. */
    static RuleValue toConfirm(List<Observation> perTrace, long intervalSeconds, Double sustained) {
        return perTrace.isEmpty() ? NONE : new RuleValue(null, null, List.copyOf(perTrace), intervalSeconds, sustained, null, null);
    }

    boolean awaitsDecision() {
        return perTrace != null;
    }

    Observation top() {
        return perTrace.stream().max(java.util.Comparator.comparingDouble(Observation::value)).orElseThrow();
    }

    static RuleValue decided(TraceConfirmation.Decision d) {
        Observation o = d.judged();
        return new RuleValue(o == null ? null : o.value(), o, null, 0, null, d.unconfirmed(), d.reason());
    }
}
