package com.goafwatch.evaluation;

/**
 * Aggregates of one cable's samples inside one parcel in one trace bucket, as measured along the fiber
 * (strain not yet divided by coupling). Temperatures may be null when the trace carried none.
 */
record TraceStat(long bucketMs, double max, double min, double mean, long count, Double tMax, Double tMin, Double tMean) {
}
