package com.goafwatch.fiber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** u(x) = ∫ ε dx against integrals computed by hand (µε × m / 1000 = mm). */
class AxialDisplacementTest {

    private static List<double[]> sampled(double from, double to, double step, java.util.function.DoubleUnaryOperator strain) {
        List<double[]> p = new ArrayList<>();
        for (double x = from; x <= to + 1e-9; x += step) {
            p.add(new double[] {x, strain.applyAsDouble(x)});
        }
        return p;
    }

    @Test
    void constantStrainOfOneHundredMicrostrainOverFiftyMetresIsFiveMillimetres() {
        var curve = AxialDisplacement.integrate(sampled(0, 50, 5, x -> 100));
        assertThat(curve.last()[0]).isEqualTo(50);
        assertThat(curve.last()[1]).isCloseTo(5.0, within(1e-12)); // 100e-6 × 50 m = 5e-3 m
        assertThat(curve.points().get(5)[1]).isCloseTo(2.5, within(1e-12)); // 25 m
        assertThat(curve.gapAtM()).isNull();
    }

    @Test
    void triangleRisesToItsAreaAndPeaksAtTheFarEnd() {
        // 0 µε at 0 m, 200 µε at 50 m, 0 µε at 100 m: area ½ × 100 × 200 = 10 000 µε·m = 10 mm; half of it by 50 m
        var curve = AxialDisplacement.integrate(sampled(0, 100, 10, x -> x <= 50 ? 4 * x : 4 * (100 - x)));
        assertThat(curve.points().get(5)[1]).isCloseTo(5.0, within(1e-12));
        assertThat(curve.last()[1]).isCloseTo(10.0, within(1e-12));
        // at 30 m: ∫0..30 4x dx = 2 × 900 = 1800 µε·m = 1.8 mm
        assertThat(curve.points().get(3)[1]).isCloseTo(1.8, within(1e-12));
        assertThat(curve.largest()[0]).isEqualTo(100);
    }

    @Test
    void compressionGivesNegativeDisplacementAndTheLargestMagnitudeIsFound() {
        // +100 µε over 0..20 m (+2 mm), then −300 µε over 20..40 m (sampled step ends: trapezoid 20..30 averages −100)
        List<double[]> p = List.of(new double[] {0, 100}, new double[] {10, 100}, new double[] {20, 100}, new double[] {30, -300},
                new double[] {40, -300});
        var curve = AxialDisplacement.integrate(p);
        // 0..20: 2 mm; 20..30: (100 − 300)/2 × 10 = −1000 µε·m = −1 mm → 1 mm; 30..40: −3000 µε·m → −2 mm
        assertThat(curve.points().stream().map(q -> q[1]).toList()).satisfiesExactly(
                v -> assertThat(v).isCloseTo(0, within(1e-12)), v -> assertThat(v).isCloseTo(1, within(1e-12)),
                v -> assertThat(v).isCloseTo(2, within(1e-12)), v -> assertThat(v).isCloseTo(1, within(1e-12)),
                v -> assertThat(v).isCloseTo(-2, within(1e-12)));
        assertThat(curve.largest()[0]).isEqualTo(20); // |2| first, |−2| later: the first of equals
    }

    @Test
    void aGapEndsTheCurveAtItsNearSide() {
        // steps of 10 m, then 30 m missing (a step of 40 m > 1.5 × 10): the curve stops at 20 m
        List<double[]> p = List.of(new double[] {0, 100}, new double[] {10, 100}, new double[] {20, 100}, new double[] {60, 100},
                new double[] {70, 100});
        var curve = AxialDisplacement.integrate(p);
        assertThat(curve.gapAtM()).isEqualTo(20);
        assertThat(curve.last()[0]).isEqualTo(20);
        assertThat(curve.last()[1]).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void anchorIsTheFirstChainageWhateverTheOrderAndSlackLoopSamplesAreAveraged() {
        // unsorted; two samples at 10 m (a slack loop) average to 100 µε
        List<double[]> p = List.of(new double[] {20, 100}, new double[] {5, 100}, new double[] {10, 50}, new double[] {10, 150},
                new double[] {15, 100});
        var curve = AxialDisplacement.integrate(p);
        assertThat(curve.points().get(0)).containsExactly(5, 0);
        assertThat(curve.last()[1]).isCloseTo(1.5, within(1e-12)); // 100 µε × 15 m
    }

    @Test
    void fewerThanTwoSamplesGiveNoCurve() {
        assertThat(AxialDisplacement.integrate(List.of()).isEmpty()).isTrue();
        assertThat(AxialDisplacement.integrate(List.<double[]>of(new double[] {3, 100})).isEmpty()).isTrue();
    }
}
