package com.goafwatch.evaluation;

import com.goafwatch.threshold.Evidence;
import java.time.Instant;

/**
 * One value of a rule's metric for a parcel: a trace (fiber), a time bucket (settlement markers), or the
 * whole window (rates, means, percentiles). {@code locate} says how to find the exact position later,
 * only for the few values that need evidence.
 */
record Observation(Instant time, double value, Evidence evidence, EvidenceLookup locate) {

    Observation(Instant time, double value, Evidence evidence) {
        this(time, value, evidence, null);
    }
}
