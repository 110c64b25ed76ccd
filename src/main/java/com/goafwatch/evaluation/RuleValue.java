package com.goafwatch.evaluation;

/** A rule's value for one parcel in one evaluation, with the observation it came from; null value: no sample. */
record RuleValue(Double value, Observation basis) {

    static final RuleValue NONE = new RuleValue(null, null);

    static RuleValue of(Observation o) {
        return o == null ? NONE : new RuleValue(o.value(), o);
    }
}
