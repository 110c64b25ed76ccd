package com.goafwatch.evaluation;

/**
 * How to find the fiber position of an aggregated value: the parcel and cable, the trace bucket
 * [{@code fromMs}, {@code toMs}) and which selector ({@code max} or {@code min}) of {@code field} picked it.
 */
record EvidenceLookup(long parcelId, long cableId, long fromMs, long toMs, String selector, String field) {
}
