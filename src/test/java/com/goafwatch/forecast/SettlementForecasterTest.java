package com.goafwatch.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forecasts on series generated from each model with seeded levelling scatter. The expected final settlement and
 * stability date come from the generating parameters by closed forms worked out by hand (not from the fitter):
 * <ul>
 * <li>Knothe s = s_f − B·e^(−ct): the mean rate over W days is B·e^(−ct)(e^(cW) − 1)/W, so it reaches L at
 * t* = ln(B(e^(cW) − 1)/(W·L)) / c.</li>
 * <li>Hyperbolic s = F·t/(t + k): s(t) − s(t − W) = F·k·W / ((t + k)(t + k − W)), so with u = t + k the rate reaches L
 * where u² − W·u − F·k/L = 0: t* = (W + √(W² + 4F·k/L))/2 − k.</li>
 * <li>Asaoka s_j = β₀ + β₁·s_{j−1} every Δt from 0: s_f = β₀/(1 − β₁), and the readings lie on the Knothe curve with
 * B = s_f, c = −ln β₁ / Δt.</li>
 * </ul>
 * The date is no earlier than the last reading nor than one window after the first.
 */
class SettlementForecasterTest {

    private static final LocalDate FIRST = LocalDate.of(2025, 7, 1);
    private static final StabilityCriterion CRITERION = new StabilityCriterion(100, 0.04);

    /** generator, final mm, t* days, cadence days, span days, scatter mm (1 σ), seed. */
    static Stream<Arguments> series() {
        return Stream.of(
                knothe(60, 0.008, 15, 300, 0.3, 1), knothe(60, 0.008, 15, 300, 0.3, 2), knothe(25, 0.012, 15, 240, 0.3, 3),
                knothe(40, 0.006, 7, 365, 0.5, 4),
                hyperbolic(50, 120, 15, 360, 0.3, 5), hyperbolic(50, 120, 15, 360, 0.3, 6), hyperbolic(30, 60, 15, 240, 0.3, 7),
                hyperbolic(80, 200, 7, 420, 0.5, 8),
                asaoka(6, 0.9, 15, 300, 0.3, 9), asaoka(6, 0.9, 15, 300, 0.3, 10), asaoka(4, 0.85, 15, 240, 0.3, 11),
                asaoka(3, 0.95, 15, 450, 0.3, 12));
    }

    private static Arguments knothe(double sf, double c, int cadence, int span, double noise, long seed) {
        double w = CRITERION.windowDays();
        double tStar = Math.log(sf * (Math.exp(c * w) - 1) / (w * CRITERION.maxRateMmPerDay())) / c;
        return Arguments.of("knothe sf=" + sf + " c=" + c, (DoubleUnaryOperator) t -> sf * (1 - Math.exp(-c * t)), sf, tStar, cadence,
                span, noise, seed);
    }

    private static Arguments hyperbolic(double f, double k, int cadence, int span, double noise, long seed) {
        double w = CRITERION.windowDays();
        double tStar = (w + Math.sqrt(w * w + 4 * f * k / CRITERION.maxRateMmPerDay())) / 2 - k;
        return Arguments.of("hyperbolic F=" + f + " k=" + k, (DoubleUnaryOperator) t -> f * t / (t + k), f, tStar, cadence, span, noise,
                seed);
    }

    /** Asaoka's recursion every 15 days; between those days the readings follow the equivalent exponential. */
    private static Arguments asaoka(double beta0, double beta1, int cadence, int span, double noise, long seed) {
        double sf = beta0 / (1 - beta1);
        double c = -Math.log(beta1) / 15;
        Arguments k = knothe(sf, c, cadence, span, noise, seed);
        Object[] a = k.get();
        a[0] = "asaoka β0=" + beta0 + " β1=" + beta1;
        return Arguments.of(a);
    }

    @ParameterizedTest(name = "{0}, every {4} d over {5} d, ±{6} mm, seed {7}")
    @MethodSource("series")
    void finalWithinFivePercentAndDateWithinTenDays(String name, DoubleUnaryOperator truth, double finalMm, double tStarDays, int cadence,
            int span, double noise, long seed) {
        Random random = new Random(seed);
        int n = span / cadence + 1;
        double[] t = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * cadence;
            s[i] = truth.applyAsDouble(t[i]) + noise * random.nextGaussian();
        }
        SettlementForecast f = SettlementForecaster.forecast(FIRST, t, s, CRITERION);
        assertThat(f.status()).isEqualTo(SettlementForecast.Status.FORECAST);
        assertThat(f.finalMm()).as("final settlement (%s)", f.models()).isCloseTo(finalMm, within(0.05 * finalMm));
        LocalDate expected = FIRST.plusDays((long) Math.ceil(Math.max(tStarDays, Math.max(t[n - 1], CRITERION.windowDays()))));
        assertThat(ChronoUnit.DAYS.between(expected, f.stableOn())).as("stability date %s vs %s (%s)", f.stableOn(), expected, f.models())
                .isBetween(-10L, 10L);
        assertThat(f.finalLowMm()).isLessThanOrEqualTo(f.finalMm());
        assertThat(f.finalHighMm()).isGreaterThanOrEqualTo(f.finalMm());
        assertThat(f.stableOnEarliest()).isBeforeOrEqualTo(f.stableOn());
        assertThat(f.residualMm()).isCloseTo(f.finalMm() - f.latestMm(), within(0.02));
        assertThat(f.models()).hasSize(3);
        // the projected curve runs from the first reading past the stability date, inside its band
        assertThat(f.projection().get(0).day()).isEqualTo(FIRST);
        assertThat(f.projection().get(f.projection().size() - 1).day()).isAfterOrEqualTo(f.stableOn());
        assertThat(f.projection()).allSatisfy(pt -> assertThat(pt.settlementMm()).isBetween(pt.lowMm() - 0.05, pt.highMm() + 0.05));
        assertThat(f.projection().get(f.projection().size() - 1).settlementMm()).isBetween(f.latestMm(), f.finalMm());
    }

    @Test
    void tooFewReadingsGiveNoForecast() {
        SettlementForecast f = SettlementForecaster.forecast(FIRST, new double[] {0, 15, 30, 45}, new double[] {0, 2, 3, 3.5}, CRITERION);
        assertThat(f.status()).isEqualTo(SettlementForecast.Status.INSUFFICIENT_DATA);
        assertThat(f.stableOn()).isNull();
        assertThat(f.reason()).contains("4 readings over 45 days");
    }

    @Test
    void steadySettlementIsNotStableWithinTheHorizon() {
        // 0.1 mm/d for a year without any sign of slowing: no model may promise a date
        int n = 25;
        double[] t = new double[n];
        double[] s = new double[n];
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            t[i] = i * 15;
            s[i] = 0.1 * t[i] + 0.3 * random.nextGaussian();
        }
        SettlementForecast f = SettlementForecaster.forecast(FIRST, t, s, CRITERION);
        assertThat(f.stableOn()).isNull();
    }

    @Test
    void settledSeriesIsStableAtTheLastReading() {
        // decayed long ago: 20 mm reached with c = 0.05/d, read for a year; rate now ≈ 0
        int n = 25;
        double[] t = new double[n];
        double[] s = new double[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            t[i] = i * 15;
            s[i] = 20 * (1 - Math.exp(-0.05 * t[i])) + 0.2 * random.nextGaussian();
        }
        SettlementForecast f = SettlementForecaster.forecast(FIRST, t, s, CRITERION);
        assertThat(f.stableOn()).isEqualTo(FIRST.plusDays(360));
        assertThat(f.observedRateMmPerDay()).isBetween(-0.02, 0.02);
    }
}
