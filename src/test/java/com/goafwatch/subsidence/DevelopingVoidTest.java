package com.goafwatch.subsidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The demo's local event against hand computation. One bowl W(ρ) = W·exp(−πρ²/R²): at its centre the
 * strain along any direction is b·R·∂²W/∂s² = −2π·b·W/R; with R = 20 m, b = 0.3, W = 10 mm that is
 * −0.9425 mm/m = −942.5 µε (compression). Along a line through the centre at x = R·√(3/(2π)) the
 * tension peaks at b·R·W·(2π/R²)·2·e^(−3/2) = 0.4206 mm/m; across that line (perpendicular direction)
 * at the same point ∂²W/∂s² = −W(2π/R²)e^(−3/2): −0.2103 mm/m.
 */
class DevelopingVoidTest {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final DevelopingVoid ONE_BOWL = new DevelopingVoid(1000, 2000, List.<double[]>of(new double[] {20, 1.0}), 0.3,
            START.minus(Duration.ofDays(40)), START, 10, 20, Duration.ofMinutes(5));

    @Test
    void compressionAtTheCentreTensionAtTheRim() {
        assertThat(ONE_BOWL.strainUe(1000, 2000, 37, START)).isCloseTo(-942.48, within(0.01));
        double x = 20 * Math.sqrt(3 / (2 * Math.PI));
        assertThat(ONE_BOWL.strainUe(1000 + x, 2000, 0, START)).isCloseTo(420.6, within(0.1));
        assertThat(ONE_BOWL.strainUe(1000 + x, 2000, 90, START)).isCloseTo(-210.3, within(0.1));
        assertThat(ONE_BOWL.settlementMm(1000, 2000, START)).isCloseTo(10, within(1e-9));
        assertThat(ONE_BOWL.settlementMm(1000, 2020, START)).isCloseTo(10 * Math.exp(-Math.PI), within(1e-9));
    }

    @Test
    void growsSlowlyBeforeTheStartThenTowardsItsFinalDepth() {
        assertThat(ONE_BOWL.depthMm(START.minus(Duration.ofDays(41)))).isZero();
        assertThat(ONE_BOWL.depthMm(START.minus(Duration.ofDays(20)))).isCloseTo(2.5, within(1e-9)); // (1/2)² of 10
        assertThat(ONE_BOWL.depthMm(START)).isCloseTo(10, within(1e-9));
        assertThat(ONE_BOWL.depthMm(START.plus(Duration.ofMinutes(5)))).isCloseTo(10 + 10 * (1 - Math.exp(-1)), within(1e-9));
        assertThat(ONE_BOWL.depthMm(START.plus(Duration.ofDays(1)))).isCloseTo(20, within(1e-9));
    }
}
