package com.goafwatch.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Tilt and curvature of hand-placed markers, against values worked out by hand. */
class GroundGradientsTest {

    private static GroundGradients.Marker m(String code, double x, double y, double mm) {
        return new GroundGradients.Marker(code, x, y, mm);
    }

    private static Map<String, Double> tilts(GroundGradients.Result r) {
        return r.tilts().stream().collect(Collectors.toMap(t -> t.from() + "/" + t.to(), GroundGradients.Tilt::mmPerM));
    }

    @Test
    void threeMarkersInLine() {
        // A(0,0) 10 mm, B(20,0) 40 mm, C(50,0) 55 mm
        // tilt A–B (40 − 10)/20 = 1.5; B–C (55 − 40)/30 = 0.5; A–C (55 − 10)/50 = 0.9 (mm/m)
        // curvature at B: (0.5 − 1.5) / ((20 + 30)/2) = −0.04 (10⁻³/m); none at A or C (both neighbours on one side)
        var r = GroundGradients.of(List.of(m("A", 0, 0, 10), m("B", 20, 0, 40), m("C", 50, 0, 55)), 150);
        Map<String, Double> t = tilts(r);
        assertThat(t).containsOnlyKeys("A/B", "A/C", "B/C");
        assertThat(t.get("A/B")).isCloseTo(1.5, within(1e-12));
        assertThat(t.get("B/C")).isCloseTo(0.5, within(1e-12));
        assertThat(t.get("A/C")).isCloseTo(0.9, within(1e-12));
        assertThat(r.curvatures()).singleElement().satisfies(k -> {
            assertThat(k.middle()).isEqualTo("B");
            assertThat(k.perKm()).isCloseTo(-0.04, within(1e-12));
        });
        assertThat(r.steepest().from() + "/" + r.steepest().to()).isEqualTo("A/B");
    }

    @Test
    void onlyNeighboursWithinTheDistanceAndTheTwoNearest() {
        // with 40 m, A–C (50 m) are no neighbours; the triple at B stays
        var r = GroundGradients.of(List.of(m("A", 0, 0, 10), m("B", 20, 0, 40), m("C", 50, 0, 55)), 40);
        assertThat(tilts(r)).containsOnlyKeys("A/B", "B/C");
        assertThat(r.curvatures()).hasSize(1);
        // four in line, 10 m apart: D's two nearest are C and B, never A (30 m)
        var four = GroundGradients.of(List.of(m("A", 0, 0, 0), m("B", 10, 0, 0), m("C", 20, 0, 0), m("D", 30, 0, 0)), 150);
        assertThat(tilts(four)).doesNotContainKey("A/D");
        // opposite sides only: a right angle at M is no line, so no curvature
        var corner = GroundGradients.of(List.of(m("M", 0, 0, 5), m("P", 10, 0, 15), m("Q", 0, 10, 5)), 150);
        assertThat(corner.curvatures()).isEmpty();
        // M–P: (15 − 5)/10 = 1 (sign: positive when the second of the pair settled more); M–Q: 0
        assertThat(tilts(corner).get("M/P")).isCloseTo(1.0, within(1e-12));
        assertThat(tilts(corner).get("M/Q")).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void unequalSpacingAndTheParcelsShare() {
        // A(0,0) 0, B(30,40) 50 → 50 m apart, tilt 1.0; C(30+60·0.6, 40+60·0.8) = (66,88) 50 + 60·(−0.5) = 20 → tilt B–C −0.5
        // curvature at B: (−0.5 − 1.0) / ((50 + 60)/2) = −1.5/55 = −0.0272727… (10⁻³/m)
        var r = GroundGradients.of(List.of(m("A", 0, 0, 0), m("B", 30, 40, 50), m("C", 66, 88, 20)), 150);
        assertThat(tilts(r).get("A/B")).isCloseTo(1.0, within(1e-12));
        assertThat(tilts(r).get("B/C")).isCloseTo(-0.5, within(1e-12));
        assertThat(r.sharpest().perKm()).isCloseTo(-1.5 / 55, within(1e-12));
        // a parcel holding only C sees the tilts touching C, and no curvature (centred on B)
        var c = r.of(Set.of("C"));
        assertThat(tilts(c)).containsOnlyKeys("A/C", "B/C");
        assertThat(c.curvatures()).isEmpty();
        assertThat(GroundGradients.of(List.of(m("A", 0, 0, 1)), 150).steepest()).isNull();
    }
}
