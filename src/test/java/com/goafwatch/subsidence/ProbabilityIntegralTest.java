package com.goafwatch.subsidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known values of the probability-integral formulas (domain.md), W₀ = 1000 mm, r = 100 m, b = 0.3. */
class ProbabilityIntegralTest {

    private static final ProbabilityIntegral MODEL = new ProbabilityIntegral(1000, 100, 0.3);

    @ParameterizedTest(name = "x = {0} m: W {1}, i {2}, K {3}, U {4}, ε {5}")
    @CsvSource({
            // x,     W (mm),   i (mm/m), K (1/km),   U (mm),  ε (mm/m)
            "0,       500,      10,       0,          300,     0",
            "-1000,   0,        0,        0,          0,       0",
            "1000,    1000,     0,        0,          0,       0",
            "-40,     158.0146, 6.049226, 0.152034,   181.477, 4.56101",   // K and ε at their maxima: ±1.52 W₀/r², ±1.52 b W₀/r
            "40,      841.9854, 6.049226, -0.152034,  181.477, -4.56101",
            "100,     993.9056, 0.432139, -0.0271516, 12.9642, -0.814548"})
    void profileValues(double x, double w, double i, double k, double u, double e) {
        assertThat(MODEL.subsidenceMm(x)).isCloseTo(w, within(1e-3));
        assertThat(MODEL.tiltMmPerM(x)).isCloseTo(i, within(1e-4));
        assertThat(MODEL.curvaturePerKm(x)).isCloseTo(k, within(1e-6));
        assertThat(MODEL.horizontalDisplacementMm(x)).isCloseTo(u, within(1e-2));
        assertThat(MODEL.horizontalStrainMmPerM(x)).isCloseTo(e, within(1e-4));
    }

    @Test
    void maximaMatchTheClosedForms() {
        assertThat(MODEL.tiltMmPerM(0)).isEqualTo(1000.0 / 100);
        assertThat(MODEL.horizontalDisplacementMm(0)).isCloseTo(0.3 * 1000, within(1e-9));
        assertThat(MODEL.curvaturePerKm(-0.4 * 100)).isCloseTo(1.52 * 1000 / (100.0 * 100), within(1e-4));
        assertThat(MODEL.horizontalStrainMmPerM(-0.4 * 100)).isCloseTo(1.52 * 0.3 * 1000 / 100, within(2e-3));
    }

    @Test
    void parametersFromSeamAndDepth() {
        ProbabilityIntegral site = ProbabilityIntegral.of(2.6, 0.08, 0, 280, 2.0, 0.3);
        assertThat(site.w0Mm()).isCloseTo(208, within(1e-9));
        assertThat(site.rM()).isCloseTo(140, within(1e-9));
        assertThat(ProbabilityIntegral.of(2.6, 0.08, 60, 280, 2.0, 0.3).w0Mm()).isCloseTo(104, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0.8427007929", "-0.5, -0.5204998778", "2, 0.9953222650", "3.5, 0.9999992569"})
    void erf(double x, double expected) {
        assertThat(Erf.erf(x)).isCloseTo(expected, within(2e-7));
    }

    @ParameterizedTest
    @CsvSource({"-5, 0, 0", "0, 0, 0", "100, 0.6321205588, 0.0036787944", "1000, 0.9999546, 0.00000045"})
    void knothe(double days, double fraction, double rate) {
        KnotheTime knothe = new KnotheTime(0.01);
        assertThat(knothe.fraction(days)).isCloseTo(fraction, within(1e-7));
        assertThat(knothe.rate(days)).isCloseTo(rate, within(1e-7));
    }

    @Test
    void aVeryWidePanelReducesToTheProfileAcrossItsEdge() {
        // panel from v = 0 to far away, endless along u; frame rotated by 30°
        StripPanel wide = new StripPanel("wide", -1e6, 1e6, 0, 1e6);
        SubsidenceField field = new SubsidenceField(MODEL, List.of(wide), 0, 500_000, 4_000_000, 30);
        for (double v : new double[] {-150, -40, 0, 40, 150}) {
            double e = 500_000 - v * Math.sin(Math.toRadians(30));
            double n = 4_000_000 + v * Math.cos(Math.toRadians(30));
            assertThat(field.subsidenceMm(e, n)).as("W at v=%s", v).isCloseTo(MODEL.subsidenceMm(v), within(1e-3));
            // across the edge (v direction = 120° from east) the strain is the profile's; along the edge it vanishes
            assertThat(field.strainMmPerM(e, n, 120)).as("ε across at v=%s", v).isCloseTo(MODEL.horizontalStrainMmPerM(v), within(1e-6));
            assertThat(field.strainMmPerM(e, n, 30)).as("ε along at v=%s", v).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void stripPillarsLeaveAWavySmallSubsidence() {
        // 50 m panels, 100 m pillars, r = 140 m: the basin is shallow and wavy, far below W₀
        ProbabilityIntegral site = ProbabilityIntegral.of(2.6, 0.08, 0, 280, 2.0, 0.3);
        List<StripPanel> panels = List.of(new StripPanel("7330", 0, 2000, 0, 50), new StripPanel("7334", 0, 2000, 150, 200),
                new StripPanel("7338", 0, 2000, 300, 350));
        SubsidenceField field = new SubsidenceField(site, panels, 0, 0, 0, 0);
        double overMiddlePanel = field.subsidenceMm(1000, 175);
        double overPillar = field.subsidenceMm(1000, 100);
        assertThat(overMiddlePanel).isLessThan(site.w0Mm()).isGreaterThan(overPillar);
        assertThat(overPillar).isGreaterThan(0);
    }
}
