package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * Contours of markers whose settlement is a known plane in Gauss-Krüger metres: a TIN reproduces a plane exactly, so
 * every vertex of the contour for level L must lie where the plane equals L. Tolerance 1e-6 mm: the only error left is
 * floating-point rounding of coordinates near 4·10⁶ m (about 10⁻⁹ m, times a gradient of 0.03 mm/m), a thousand times
 * smaller; anything a reader could see on the map (0.1 mm) is 10⁵ times larger.
 */
class TinContoursTest {

    private static final double X0 = 453_800;
    private static final double Y0 = 3_924_300;
    private static final double TOLERANCE_MM = 1e-6;

    /** settlement (mm, positive down) = 25 + 0.02 mm/m eastward − 0.01 mm/m northward */
    private static double plane(double x, double y) {
        return 25 + 0.02 * (x - X0) - 0.01 * (y - Y0);
    }

    private static List<TinContours.Sample> markersOnThePlane(int n, long seed) {
        Random random = new Random(seed);
        List<TinContours.Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = X0 - 500 + 1000 * random.nextDouble();
            double y = Y0 - 700 + 1400 * random.nextDouble();
            samples.add(new TinContours.Sample(x, y, plane(x, y)));
        }
        return samples;
    }

    @Test
    void aPlanesContourLiesWhereThePlaneEqualsTheLevel() {
        List<TinContours.Sample> markers = markersOnThePlane(14, 7);
        TinContours tin = TinContours.of(markers);
        double min = markers.stream().mapToDouble(TinContours.Sample::value).min().orElseThrow();
        double max = markers.stream().mapToDouble(TinContours.Sample::value).max().orElseThrow();
        List<Double> levels = TinContours.levels(min, max, 12);
        assertThat(levels).hasSizeGreaterThanOrEqualTo(5);
        List<TinContours.Isoline> isolines = tin.isolines(levels);
        assertThat(isolines).extracting(TinContours.Isoline::level).containsExactlyElementsOf(levels);
        for (TinContours.Isoline iso : isolines) {
            // a plane's contour across a convex hull is one straight line from boundary to boundary
            assertThat(iso.lines()).as("level %s", iso.level()).hasSize(1);
            LineString line = iso.lines().get(0);
            for (Coordinate c : line.getCoordinates()) {
                assertThat(plane(c.x, c.y)).as("level %s at %s", iso.level(), c).isCloseTo(iso.level(), within(TOLERANCE_MM));
            }
            assertThat(tin.coverage().getBoundary().distance(line.getStartPoint())).isLessThan(1e-6);
            assertThat(tin.coverage().getBoundary().distance(line.getEndPoint())).isLessThan(1e-6);
        }
    }

    @Test
    void theTinHonoursEveryMarkerAndThePlaneBetweenThem() {
        List<TinContours.Sample> markers = markersOnThePlane(10, 3);
        TinContours tin = TinContours.of(markers);
        for (TinContours.Sample s : markers) {
            assertThat(tin.valueAt(s.x(), s.y())).isCloseTo(s.value(), within(TOLERANCE_MM));
        }
        var centre = tin.coverage().getInteriorPoint().getCoordinate();
        assertThat(tin.valueAt(centre.x, centre.y)).isCloseTo(plane(centre.x, centre.y), within(TOLERANCE_MM));
        assertThat(tin.valueAt(X0 + 10_000, Y0)).as("outside the markers: no value").isNaN();
    }

    @Test
    void levelsAreRoundStepsStrictlyInsideTheRange() {
        assertThat(TinContours.levels(20.3, 27.1, 8)).containsExactly(21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0);
        assertThat(TinContours.levels(20.3, 27.1, 4)).containsExactly(22.0, 24.0, 26.0);
        assertThat(TinContours.levels(0.0012, 0.0089, 4)).hasSize(4).allSatisfy(l -> assertThat(l).isBetween(0.0012, 0.0089));
        assertThat(TinContours.levels(5, 5, 6)).isEmpty();
    }

    @Test
    void tooFewOrCollinearMarkersGiveNoContours() {
        var two = List.of(new TinContours.Sample(0, 0, 1), new TinContours.Sample(10, 0, 2));
        assertThat(TinContours.of(two).isolines(List.of(1.5))).isEmpty();
        var line = List.of(new TinContours.Sample(0, 0, 1), new TinContours.Sample(10, 0, 2), new TinContours.Sample(20, 0, 3));
        assertThat(TinContours.of(line).triangles()).isEmpty();
        assertThat(TinContours.of(line).isolines(List.of(1.5))).isEmpty();
        var twice = List.of(new TinContours.Sample(0, 0, 1), new TinContours.Sample(0, 0, 3), new TinContours.Sample(10, 0, 2),
                new TinContours.Sample(0, 10, 2));
        assertThat(TinContours.of(twice).valueAt(0, 0)).as("two readings at one place averaged").isCloseTo(2.0, within(1e-12));
    }
}
