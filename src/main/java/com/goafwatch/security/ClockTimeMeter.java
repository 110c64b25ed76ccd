package com.goafwatch.security;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/** bucket4j's time source from a {@link Clock}, so tests that hold the application's clock still hold the buckets too. */
record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
