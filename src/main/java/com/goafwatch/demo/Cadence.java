package com.goafwatch.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed schedule of readings: every {@code interval}, at {@code offset} past the interval's boundary
 * counted from the epoch (e.g. daily at 18:00 UTC = 02:00 in China). Fixed, so that writing the history
 * again after a restart writes the same points instead of new ones in between.
 */
record Cadence(Duration interval, Duration offset) {

    /** The first reading at or after {@code t}. */
    Instant firstAtOrAfter(Instant t) {
        long step = interval.toMillis();
        long shifted = t.toEpochMilli() - offset.toMillis();
        long k = Math.floorDiv(shifted + step - 1, step);
        return Instant.ofEpochMilli(k * step + offset.toMillis());
    }

    /** The last reading strictly before {@code t}. */
    Instant lastBefore(Instant t) {
        return firstAtOrAfter(t).minus(interval);
    }
}
