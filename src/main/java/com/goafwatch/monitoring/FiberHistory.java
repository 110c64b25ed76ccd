package com.goafwatch.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Strain over time at one fiber position or over a distance range, downsampled server-side into buckets
 * (min, max, mean and count of samples per bucket); buckets without samples are left out. Daily buckets
 * ({@code zone} set) are the site's days: each starts at the site's midnight and names its {@code day}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FiberHistory(long cableId, String selection, Instant from, Instant to, long bucketMillis, String zone, List<Bucket> buckets) {

    /** @param day the site-local date of a daily bucket, null for buckets of {@code points} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bucket(Instant start, double minUe, double maxUe, double meanUe, long count, LocalDate day) {
    }
}
