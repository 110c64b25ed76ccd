package com.goafwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table test of the plausibility rule, expected values computed by hand in the comments. */
class JumpCheckTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private static Instant day(double d) {
        return T0.plus((long) (d * 86_400_000), ChronoUnit.MILLIS);
    }

    /**
     * History 0 mm (day 0), 3 mm (day 15), 5 mm (day 30): rates 0.2 and 0.1333 mm/d, fastest 0.2 mm/d. A reading at day
     * 45 may move 5 + 3 × 0.2 × 15 = 14 mm from the last 5 mm; at day 31, 5 + 3 × 0.2 × 1 = 5.6 mm.
     */
    @ParameterizedTest(name = "day {0}: {1} mm → plausible {2}, allowed {3} mm")
    @CsvSource({
            "45, 18.9, true, 14.0",
            "45, 19.1, false, 14.0",
            "45, -8.9, true, 14.0",   // heave of 13.9 mm: judged by size
            "45, -9.1, false, 14.0",
            "31, 10.5, true, 5.6",
            "31, 10.7, false, 5.6",
            "30, 10.1, false, 5.0",   // same instant as the last reading: only the tolerance
    })
    void changeBeyondThreeTimesTheFastestRateAndFiveMillimetresIsImplausible(double atDay, double mm, boolean plausible, double allowed) {
        var history = List.of(new JumpCheck.Reading(day(0), 0), new JumpCheck.Reading(day(15), 3), new JumpCheck.Reading(day(30), 5));
        var v = JumpCheck.check(history, day(atDay), mm);
        assertThat(v.judged()).isTrue();
        assertThat(v.plausible()).isEqualTo(plausible);
        assertThat(v.allowedMm()).isCloseTo(allowed, within(1e-9));
        assertThat(v.jumpMm()).isCloseTo(mm - 5, within(1e-9));
        assertThat(v.maxRateMmPerDay()).isCloseTo(0.2, within(1e-12));
    }

    @ParameterizedTest(name = "{0} reading(s) of history: not judged")
    @CsvSource({"0", "1"})
    void fewerThanTwoReadingsAreNotJudged(int n) {
        var history = n == 0 ? List.<JumpCheck.Reading>of() : List.of(new JumpCheck.Reading(day(0), 2));
        var v = JumpCheck.check(history, day(15), 500);
        assertThat(v.judged()).isFalse();
        assertThat(v.plausible()).isTrue();
        assertThat(v.allowedMm()).isNull();
        assertThat(v.jumpMm()).isEqualTo(n == 0 ? null : 498.0);
    }
}
