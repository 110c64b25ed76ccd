package com.goafwatch.levelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A loop BM1 → TP1 → BM1 levelled BFFB with a side shot to SM-9, read from GSI-16 text, then adjusted. By hand:
 * set-up 1 B = (1.20000 + 1.20020)/2 = 1.20010, F = (1.10000 + 1.10020)/2 = 1.10010 → h = +0.10000; distances 20 + 20 m;
 * side shot I = 1.50000 at 10 m: H = 10.0000 + 1.20010 − 1.50000 = 9.70010;
 * set-up 2 B = 1.30000, F = 1.39700 → h = −0.09700; 30 + 30 m. L = 100 m; f = +3.00 mm (loop closes on 10.0000 m).
 * By distance: TP1 (40 m) −1.2 mm, SM-9 (at the instrument, 20 m) −0.6 mm. Limit second order 4√0.1 = 1.265 mm,
 * third order 12√0.1 = 3.795 mm.
 */
class RunAdjustmentTest {

    private static final LevellingProperties LIMITS = new LevellingProperties("second", Map.of(), 1000, 200, 5, 150);

    private static final String LOOP = String.join("\n",
            "*110001+0000000000000BM1 32...8+0000000002000000 331..8+0000000000120000 ",
            "*110001+0000000000000TP1 32...8+0000000002000000 332..8+0000000000110000 ",
            "*110001+0000000000000TP1 32...8+0000000002000000 336..8+0000000000110020 ",
            "*110001+0000000000000BM1 32...8+0000000002000000 335..8+0000000000120020 ",
            "*110001+000000000000SM-9 32...8+0000000001000000 333..8+0000000000150000 ",
            "*410001+000000000000INFO 83..08+0000000001000000 ",
            "*110001+0000000000000TP1 32...8+0000000003000000 331..8+0000000000130000 ",
            "*110001+0000000000000BM1 32...8+0000000003000000 332..8+0000000000139700 ");

    private static List<Setup> setups() {
        RawFileErrors errors = new RawFileErrors(10);
        RawRun raw = GsiReader.read(new BufferedReader(new StringReader(LOOP)), LIMITS, errors);
        List<Setup> setups = SetupBuilder.build(raw.observations(), LIMITS, errors);
        assertThat(errors.listed()).isEmpty();
        assertThat(raw.format()).isEqualTo("gsi16");
        return setups;
    }

    @Test
    void bffbSetupsAreAveragedAndSideShotsHangOffTheInstrument() {
        List<Setup> s = setups();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).backReadingM()).isCloseTo(1.20010, within(1e-12));
        assertThat(s.get(0).foreReadingM()).isCloseTo(1.10010, within(1e-12));
        assertThat(s.get(0).intermediates()).extracting(Observation::point).containsExactly("SM-9");
        var r = RunAdjustment.adjust(s, 10.0, 10.0, 12, "third", RunAdjustment.Distribution.DISTANCE);
        assertThat(r.misclosureMm()).isCloseTo(3.0, within(1e-9));
        assertThat(r.lengthKm()).isCloseTo(0.1, within(1e-12));
        assertThat(r.toleranceMm()).isCloseTo(12 * Math.sqrt(0.1), within(1e-12));
        assertThat(r.withinTolerance()).isTrue();
        assertThat(r.points()).extracting(RunAdjustment.Point::code).containsExactly("BM1", "SM-9", "TP1", "BM1");
        assertThat(r.points().get(1).observedHeightM()).isCloseTo(9.70010, within(1e-12));
        assertThat(r.points().get(1).correctionMm()).isCloseTo(-0.6, within(1e-9));
        assertThat(r.points().get(2).correctionMm()).isCloseTo(-1.2, within(1e-9));
        assertThat(r.points().get(2).heightM()).isCloseTo(10.1 - 0.0012, within(1e-12));
        assertThat(r.points().get(3).heightM()).isCloseTo(10.0, within(1e-12));
        assertThat(RunAdjustment.adjust(s, 10.0, 10.0, 4, "second", RunAdjustment.Distribution.DISTANCE).withinTolerance()).isFalse();
    }

    @Test
    void bySetupsTheSideShotTakesHalfASetup() {
        var r = RunAdjustment.adjust(setups(), 10.0, 10.0, 12, "third", RunAdjustment.Distribution.SETUPS);
        assertThat(r.points().get(1).correctionMm()).isCloseTo(-3.0 * 0.5 / 2, within(1e-9));
        assertThat(r.points().get(2).correctionMm()).isCloseTo(-1.5, within(1e-9));
    }

    @Test
    void toleranceCoefficientsFollowTheStandardsUnlessConfigured() {
        assertThat(LIMITS.coefficient(LevellingOrder.SECOND, false)).isEqualTo(4);
        assertThat(LIMITS.coefficient(LevellingOrder.THIRD, true)).isEqualTo(15);
        assertThat(LIMITS.coefficient(LevellingOrder.FOURTH, false)).isEqualTo(20);
        var custom = new LevellingProperties("second", Map.of("second", 6.0, "fourth-mountain", 30.0), 1000, 200, 5, 150);
        assertThat(custom.coefficient(LevellingOrder.SECOND, false)).isEqualTo(6);
        assertThat(custom.coefficient(LevellingOrder.FOURTH, true)).isEqualTo(30);
        assertThat(custom.coefficient(LevellingOrder.FIRST, false)).isEqualTo(2);
    }
}
