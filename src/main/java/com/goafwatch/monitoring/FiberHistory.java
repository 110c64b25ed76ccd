package com.goafwatch.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Strain over time at one fiber position or over a distance range, downsampled server-side into buckets
 * (min, max, mean and count of samples per bucket); buckets without samples are left out.
 */
public record FiberHistory(long cableId, String selection, Instant from, Instant to, long bucketMillis, List<Bucket> buckets) {

    public record Bucket(Instant start, double minUe, double maxUe, double meanUe, long count) {
    }
}
