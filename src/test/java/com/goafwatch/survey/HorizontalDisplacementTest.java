package com.goafwatch.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Displacement from a baseline: hand-computed 3-4-5 triangles in each quadrant, a pure settlement, no movement. */
class HorizontalDisplacementTest {

    @ParameterizedTest(name = "E{0} N{1} H{2} → {3} mm at {4}°")
    @CsvSource(nullValues = "null", value = {
            // east m, north m, height m of the new reading relative to the baseline; expected magnitude mm, azimuth deg
            " 0.003,  0.004,  0.0,    5.0,  36.86989765",
            " 0.004, -0.003,  0.0,    5.0, 126.86989765",
            "-0.003, -0.004, -0.0025, 5.0, 216.86989765",
            "-0.004,  0.003,  0.0,    5.0, 306.86989765",
            " 0.0,    0.010,  0.0,   10.0,   0.0",
            "-0.007,  0.0,    0.0,    7.0, 270.0",
            " 0.0,    0.0,   -0.012,  0.0, null"})
    void movementFromTheBaseline(double de, double dn, double dh, double magnitudeMm, Double azimuthDeg) {
        // a Gauss-Krüger position like the sample site's: the differences stay exact to far below a micrometre
        SurveyPoint baseline = new SurveyPoint(454_050.1234, 3_924_049.8765, 35.0);
        HorizontalDisplacement d = HorizontalDisplacement.between(baseline,
                new SurveyPoint(baseline.eastingM() + de, baseline.northingM() + dn, baseline.heightM() + dh));
        assertThat(d.eastMm()).isCloseTo(de * 1000, within(1e-6));
        assertThat(d.northMm()).isCloseTo(dn * 1000, within(1e-6));
        assertThat(d.heightMm()).isCloseTo(dh * 1000, within(1e-6));
        assertThat(d.magnitudeMm()).isCloseTo(magnitudeMm, within(1e-6));
        if (azimuthDeg == null) {
            assertThat(d.azimuthDeg()).isNull();
        } else {
            // the inputs are 0.1 mm of a 454 km easting: doubles carry them to ~1e-7 mm, the bearing to ~1e-5°
            assertThat(d.azimuthDeg()).isCloseTo(azimuthDeg, within(1e-4));
        }
    }
}
