package com.goafwatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Slopes worked out by hand: Σ(t−t̄)(v−v̄) / Σ(t−t̄)², t in days. */
class LeastSquaresRateTest {

    private static final long DAY = 86_400_000L;
    /** an epoch-sized start, so precision loss from large times would show */
    private static final long T0 = 1_780_000_000_000L;

    @Test
    void collinearPointsGiveTheirSlope() {
        assertThat(LeastSquaresRate.perDay(new long[] {T0, T0 + DAY, T0 + 2 * DAY}, new double[] {0, 2, 4})).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void scatteredPointsGiveTheLeastSquaresSlope() {
        // t̄ = 1, v̄ = 4/3: Σ(t−t̄)(v−v̄) = (−1)(−4/3) + 0 + (1)(5/3) = 3, Σ(t−t̄)² = 2 → 1.5 per day
        Map<Long, Double> points = new LinkedHashMap<>();
        points.put(T0, 0.0);
        points.put(T0 + DAY, 1.0);
        points.put(T0 + 2 * DAY, 3.0);
        assertThat(LeastSquaresRate.perDay(points)).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void halfMonthlyLevellingInMillimetresPerDay() {
        // 15-day levellings settling 3 mm each: 0.2 mm/d
        assertThat(LeastSquaresRate.perDay(new long[] {T0, T0 + 15 * DAY, T0 + 30 * DAY}, new double[] {10, 13, 16}))
                .isCloseTo(0.2, within(1e-12));
    }

    @Test
    void fewerThanTwoDistinctTimesHaveNoRate() {
        assertThat(LeastSquaresRate.perDay(new long[] {}, new double[] {})).isNull();
        assertThat(LeastSquaresRate.perDay(new long[] {T0}, new double[] {5})).isNull();
        assertThat(LeastSquaresRate.perDay(new long[] {T0, T0}, new double[] {5, 6})).isNull();
        assertThat(LeastSquaresRate.perDay(Map.of())).isNull();
    }
}
