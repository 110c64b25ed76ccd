package com.goafwatch.evaluation;

/**
 * Aggregates of one cable's samples inside one parcel in one trace bucket, as measured along the fiber
 * (strain not yet divided by coupling). Temperatures may be null when the trace carried none.
 */
record TraceStat(long bucketMs, double max, double min, double mean, long count, Double tMax, Double tMin, Double tMean) {

    /** Two parts of the same trace. */
    static TraceStat merge(TraceStat a, TraceStat b) {
        long n = a.count + b.count;
        return new TraceStat(a.bucketMs, Math.max(a.max, b.max), Math.min(a.min, b.min), (a.mean * a.count + b.mean * b.count) / n, n,
                a.tMax == null ? b.tMax : b.tMax == null ? a.tMax : Math.max(a.tMax, b.tMax),
                a.tMin == null ? b.tMin : b.tMin == null ? a.tMin : Math.min(a.tMin, b.tMin),
                a.tMean == null ? b.tMean : b.tMean == null ? a.tMean : (a.tMean * a.count + b.tMean * b.count) / n);
    }
}
