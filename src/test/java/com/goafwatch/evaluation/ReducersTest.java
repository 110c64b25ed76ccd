package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.Metric;
import com.goafwatch.threshold.Statistic;
import com.goafwatch.threshold.ThresholdRule;

/** The reducers without a database; every expected value is worked out by hand in the row. */
class ReducersTest {

    private static final long DAY = 86_400_000L;

    @ParameterizedTest(name = "{0} of [{1}, {2}] / {3} = {4} ({5})")
    @CsvSource({
            // statistic, highest, lowest, coupling, value, selector
            "MAX,      2600, -100, 1.0, 2600, max",
            "MAX,      1000, -100, 0.5, 2000, max",   // 1000 along the fiber ÷ 0.5 coupling
            "MIN,      300,  -800, 0.4, 2000, min",   // compression: −(−800) ÷ 0.4
            "MAX_ABS,  300,  -800, 0.4, 2000, min",
            "MAX_ABS,  900,  -800, 0.5, 1800, max",
            "MAX_ABS,  -50,  -60,  1.0, 60,   min",   // a trace entirely in compression
    })
    void extremeOfATrace(Statistic statistic, double highest, double lowest, double coupling, double value, String selector) {
        Reducers.Extreme e = Reducers.extreme(statistic, highest, lowest, coupling);
        assertThat(e.value()).isCloseTo(value, within(1e-9));
        assertThat(e.selector()).isEqualTo(selector);
    }

    @ParameterizedTest(name = "p{0} of 1..10 = {1}")
    @CsvSource({"50, 5", "95, 10", "10, 1", "1, 1", "99.9, 10", "51, 6"})
    void percentileByInfluxRank(double p, double expected) {
        // rank ceil(p/100 × 10): p50 → 5, p95 → 10, p51 → ceil(5.1) = 6
        assertThat(Reducers.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, p)).isEqualTo(expected);
        assertThat(Reducers.percentile(new double[] {}, p)).isNull();
    }

    @Test
    void lengthOverIsTheOverShareOfTheFiberInTheParcel() {
        assertThat(Reducers.lengthOverM(3, 100, 50)).isCloseTo(1.5, within(1e-12));
        assertThat(Reducers.lengthOverM(0, 100, 50)).isZero();
        assertThat(Reducers.lengthOverM(3, 0, 50)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // case; strain at days 0, 1, 2, 3, 4 (blank: the trace lacks the position); min span d; expected µε/d (blank: none)
            // true 500 + 50 t with noise −30, +60, +400 (a spike in the middle), −60, +30: Σ(t − t̄)·noise =
            // (−2)(−30) + (−1)(60) + 0 + (1)(−60) + (2)(30) = 0, so the slope stays 50 (last vs first: 260 / 4 = 65)
            "noise that cancels; 470, 610, 1000, 590, 730; 1; 50",
            // days 0..3 at 0, 10, 20, 60: t̄ = 1.5, v̄ = 22.5, Σ(t − t̄)(v − v̄) = 33.75 + 6.25 − 1.25 + 56.25 = 95, Σ(t − t̄)² = 5
            "accelerating; 0, 10, 20, 60, ; 1; 19",
            // only days 1 and 3 carry the position: (40 − 10) / 2
            "gaps; , 10, , 40, ; 1; 15",
            "gaps spanning less than asked; , 10, , 40, ; 3; ",
            "one trace; , , 10, , ; 0; ",
            "compression; 0, -20, -40, -60, -80; 4; -20",
    })
    void leastSquaresRateOfOnePosition(String name, String values, double minSpanDays, Double expected) {
        String[] v = values.split(",", -1);
        long[] times = new long[v.length];
        double[] strain = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            times[i] = i * DAY;
            strain[i] = v[i].isBlank() ? Double.NaN : Double.parseDouble(v[i].trim());
        }
        Double rate = Reducers.rateOverTraces(times, strain, Math.round(minSpanDays * DAY));
        if (expected == null) {
            assertThat(rate).isNull();
        } else {
            assertThat(rate).isCloseTo(expected, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // case; trace times (h); window d; fallback h; at most; expected trace times (h)
            // daily traces 0..8 d, 4-day window: from the newest (192 h) back to the first at or before 96 h
            "daily, 4-day window; 0, 24, 48, 72, 96, 120, 144, 168, 192; 4; 24; 10; 96, 120, 144, 168, 192",
            // thinned to 3: indices round(i × 4 / 2) = 0, 2, 4
            "thinned to 3; 0, 24, 48, 72, 96, 120, 144, 168, 192; 4; 24; 3; 96, 144, 192",
            // thinned to 4: indices round(i × 4 / 3) = 0, 1 (1.33), 3 (2.67), 4
            "thinned to 4; 0, 24, 48, 72, 96, 120, 144, 168, 192; 4; 24; 4; 96, 120, 168, 192",
            // 6-hourly over one day, a 25-hour window: no trace 25 h before the newest; all, as they span one 24 h interval
            "shorter history, one interval; 0, 6, 12, 18, 24; 1.0416666666666667; 24; 10; 0, 6, 12, 18, 24",
            "shorter history, under one interval; 0, 6, 12, 18, 24; 1.0416666666666667; 48; 10; ",
            "a lone trace; 24; 1; 0; 10; ",
    })
    void tracesARateIsFittedTo(String name, String hours, double windowDays, long fallbackHours, int max, String expected) {
        TreeSet<Long> times = new TreeSet<>();
        for (String h : hours.split(",")) {
            times.add(Long.parseLong(h.trim()) * 3_600_000L);
        }
        long[] chosen = Reducers.rateTraces(times, windowDays, fallbackHours * 3_600_000L, max);
        long[] want = expected == null ? new long[0]
                : Arrays.stream(expected.split(",")).mapToLong(h -> Long.parseLong(h.trim()) * 3_600_000L).toArray();
        assertThat(chosen).containsExactly(want);
    }

    @Test
    void rateOverTheLatestReadingsSpanningTheStatedDays() {
        // half-monthly levelling: 0, 15, 30, 45 d at 0, 1, 4, 7 mm
        TreeMap<Long, Double> s = new TreeMap<>();
        s.put(0L, 0.0);
        s.put(15 * DAY, 1.0);
        s.put(30 * DAY, 4.0);
        s.put(45 * DAY, 7.0);
        // span ≥ 7 d: the last two (30 → 45 d): 3 mm / 15 d = 0.2 mm/d
        assertThat(Reducers.latestRatePerDay(s, 7)).isCloseTo(0.2, within(1e-12));
        assertThat(Reducers.latestReadings(s, 7).keySet()).containsExactly(30 * DAY, 45 * DAY);
        // span ≥ 30 d: 15, 30, 45 d at 1, 4, 7: collinear, 0.2 mm/d
        assertThat(Reducers.latestRatePerDay(s, 30)).isCloseTo(0.2, within(1e-12));
        // span ≥ 31 d: all four; t̄ = 22.5, v̄ = 3; Σ(t−t̄)(v−v̄) = (−22.5)(−3) + (−7.5)(−2) + (7.5)(1) + (22.5)(4) = 180,
        // Σ(t−t̄)² = 2 × (506.25 + 56.25) = 1125 → 0.16 mm/d
        assertThat(Reducers.latestRatePerDay(s, 31)).isCloseTo(0.16, within(1e-12));
        // the series spans 45 d only: no 46-day rate
        assertThat(Reducers.latestRatePerDay(s, 46)).isNull();
        TreeMap<Long, Double> one = new TreeMap<>();
        one.put(0L, 1.0);
        assertThat(Reducers.latestRatePerDay(one, 1)).isNull();
    }

    @Test
    void changeWithinTheWindowIsNotTheTotalSinceBaseline() {
        // 40 mm settled before the window; within it 40 → 52 → 55: changed 15 mm, total 55 mm
        TreeMap<Long, Double> s = new TreeMap<>();
        s.put(0L, 40.0);
        s.put(90 * DAY, 52.0);
        s.put(180 * DAY, 55.0);
        assertThat(Reducers.changeWithinWindow(s)).isCloseTo(15.0, within(1e-12));
        assertThat(Reducers.totalSinceBaseline(s, Statistic.MAX)).isCloseTo(55.0, within(1e-12));
        assertThat(Reducers.changeWithinWindow(new TreeMap<>())).isNull();
        assertThat(Reducers.totalSinceBaseline(new TreeMap<>(), Statistic.MAX)).isNull();
    }

    @Test
    void statsOfRawSamples() {
        TraceStat t = Reducers.statsOf(60_000, List.of(new FiberReadings.RawSample(100, 20, 0, 0, 60_000),
                new FiberReadings.RawSample(-40, Double.NaN, 1, 1, 60_000), new FiberReadings.RawSample(300, 22, 2, 2, 60_000)));
        assertThat(t.max()).isEqualTo(300);
        assertThat(t.min()).isEqualTo(-40);
        assertThat(t.mean()).isCloseTo(120, within(1e-12));
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.tMax()).isEqualTo(22);
        assertThat(t.tMin()).isEqualTo(20);
        assertThat(t.tMean()).isCloseTo(21, within(1e-12));
        assertThat(Reducers.statsOf(0, List.of())).isNull();
    }

    /**
     * Class I ground strain, percent levels of 2000 µε: blue 50 % = 1000, yellow 70 % = 1400, orange 85 % = 1700,
     * red 100 % = 2000, on a cable with coupling 0.5 (the fiber feels half): exactly at a limit raises it, just
     * below does not, just above does.
     */
    @ParameterizedTest(name = "fiber {0} µε → {1}")
    @CsvSource({
            "499.995, ok", "500, blue", "500.005, blue",
            "699.995, blue", "700, yellow", "700.005, yellow",
            "849.995, yellow", "850, orange", "850.005, orange",
            "999.995, orange", "1000, red", "1000.005, red",
    })
    void eachLevelExactlyAtJustBelowAndJustAboveItsLimit(double fiberMicro, String expected) {
        ThresholdRule rule = new ThresholdRule(1, 1, null, null, "class I", Metric.FIBER_STRAIN, Statistic.MAX_ABS, null, 86400, "ue",
                "percent", 2000.0, 50.0, 70.0, 85.0, 100.0, 0.1, 1, null, 86400L, true, true, null);
        double ground = Reducers.extreme(Statistic.MAX_ABS, fiberMicro, -10, 0.5).value();
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        LevelTracker.State s = new LevelTracker(rule).evaluate(LevelTracker.State.OK, ground, now, now).state();
        assertThat(s.level() == null ? "ok" : s.level().dbValue()).isEqualTo(expected);
    }
}
