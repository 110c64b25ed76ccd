package com.goafwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The feed's fixed schedules, against hand-picked instants: daily at 18:00 UTC, and every 15 days at 01:00 UTC from the epoch. */
class CadenceTest {

    private static final Cadence DAILY = new Cadence(Duration.ofDays(1), Duration.ofHours(18));
    private static final Cadence HALF_MONTHLY = new Cadence(Duration.ofDays(15), Duration.ofHours(1));

    @ParameterizedTest(name = "daily after {0}: {1}")
    @CsvSource({"2026-11-30T03:00:00Z, 2026-11-30T18:00:00Z", "2026-11-30T18:00:00Z, 2026-11-30T18:00:00Z",
            "2026-11-30T18:00:00.001Z, 2026-12-01T18:00:00Z", "2026-12-31T23:59:59Z, 2027-01-01T18:00:00Z"})
    void dailyAt18Utc(String t, String expected) {
        assertThat(DAILY.firstAtOrAfter(Instant.parse(t))).isEqualTo(Instant.parse(expected));
        assertThat(DAILY.lastBefore(Instant.parse(t))).isEqualTo(Instant.parse(expected).minus(Duration.ofDays(1)));
    }

    @ParameterizedTest(name = "half-monthly after {0}: {1}")
    // epoch day 20595 = 2026-05-22 is a multiple of 15 (20595 = 15 × 1373)
    @CsvSource({"2026-05-22T00:59:59Z, 2026-05-22T01:00:00Z", "2026-05-22T01:00:01Z, 2026-06-06T01:00:00Z",
            "1970-01-01T00:00:00Z, 1970-01-01T01:00:00Z"})
    void everyFifteenDaysFromTheEpoch(String t, String expected) {
        assertThat(HALF_MONTHLY.firstAtOrAfter(Instant.parse(t))).isEqualTo(Instant.parse(expected));
    }
}
