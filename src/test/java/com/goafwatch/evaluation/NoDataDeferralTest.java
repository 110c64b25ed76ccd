package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * Which rules a spool backlog defers, worked by hand: the oldest waiting batch was accepted at 10:00, the bound is
 * 30 min. Only a rule that became overdue at or after 10:00 can be missing a sample that waits in the backlog.
 */
class NoDataDeferralTest {

    private static final Instant ACCEPTED = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration MAX = Duration.ofMinutes(30);

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-05-01T" + hhmmss + "Z");
    }

    @Test
    void aRuleDefersOnlyIfTheBacklogBeganBeforeItWasOverdue() {
        NoDataDeferral.Backlog backlog = NoDataDeferral.decide(3, ACCEPTED, at("10:05:00"), MAX);
        assertThat(backlog.deferring()).isTrue();
        assertThat(backlog.defers(at("10:04:00"))).as("overdue after the backlog began: its sample may be waiting").isTrue();
        assertThat(backlog.defers(at("10:00:00"))).as("overdue the instant the batch came in").isTrue();
        assertThat(backlog.defers(at("09:59:59"))).as("already overdue when the oldest waiting batch came in: silent").isFalse();
        assertThat(backlog.defers(at("08:00:00"))).as("silent for hours, a batch of other sensors in flight").isFalse();
        assertThat(backlog.defers(null)).as("overdue since before anything can be read").isFalse();
    }

    @Test
    void continuousIngestionDoesNotHoldBackASilentSensor() {
        // a batch is always in flight, the oldest accepted a second ago; the silent cable became overdue at 09:40
        for (int minute = 0; minute < 60; minute++) {
            Instant now = at("10:00:00").plusSeconds(60L * minute);
            NoDataDeferral.Backlog inFlight = NoDataDeferral.decide(1, now.minusSeconds(1), now, MAX);
            assertThat(inFlight.defers(at("09:40:00"))).as("minute %d", minute).isFalse();
        }
    }

    @Test
    void theBoundEndsEveryDeferral() {
        assertThat(NoDataDeferral.decide(3, ACCEPTED, at("10:30:00"), MAX).defers(at("10:20:00"))).as("at the bound").isTrue();
        NoDataDeferral.Backlog past = NoDataDeferral.decide(3, ACCEPTED, at("10:30:01"), MAX);
        assertThat(past.deferring()).isFalse();
        assertThat(past.defers(at("10:20:00"))).isFalse();
        assertThat(NoDataDeferral.decide(0, ACCEPTED, at("10:05:00"), MAX)).as("nothing waiting").isNull();
    }
}
