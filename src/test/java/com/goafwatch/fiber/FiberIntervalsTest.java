package com.goafwatch.fiber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.goafwatch.fiber.Calibration.Point;

class FiberIntervalsTest {

    private static final long A = 1;
    private static final long B = 2;

    /** 20 m lead-in, 10 m slack loop at chainage 100, route 300 m; parcel A at 50-150, B at 150-250. */
    private static final Calibration WITH_SLACK_LOOP = Calibration.of(List.of(
            new Point(20, 0), new Point(120, 100), new Point(130, 100), new Point(330, 300)));

    @ParameterizedTest(name = "fiber {0} m -> chainage {1}")
    @CsvSource(nullValues = "unmapped", value = {
            "0, unmapped", "19.99, unmapped", "20, 0", "70, 50", "120, 100", "125, 100", "130, 100", "180, 150", "330, 300",
            "330.01, unmapped"})
    void calibrationMapsLeadInSlackLoopAndEnd(double fiber, Double chainage) {
        if (chainage == null) {
            assertThat(WITH_SLACK_LOOP.chainageAt(fiber)).isEmpty();
        } else {
            assertThat(WITH_SLACK_LOOP.chainageAt(fiber).getAsDouble()).isCloseTo(chainage, within(1e-9));
        }
    }

    @Test
    void intervalsThroughLeadInAndSlackLoop() {
        List<FiberInterval> intervals = FiberIntervals.compute(WITH_SLACK_LOOP,
                List.of(new ParcelSpan(50, 150, A), new ParcelSpan(150, 250, B)));
        assertThat(intervals).containsExactly(
                new FiberInterval(20, 70, 0, 50, null),
                new FiberInterval(70, 120, 50, 100, A),
                new FiberInterval(120, 130, 100, 100, A),
                new FiberInterval(130, 180, 100, 150, A),
                new FiberInterval(180, 280, 150, 250, B),
                new FiberInterval(280, 330, 250, 300, null));
    }

    @Test
    void turnAroundCrossesTheSameParcelTwice() {
        Calibration outAndBack = Calibration.of(List.of(new Point(0, 0), new Point(100, 100), new Point(200, 0)));
        List<FiberInterval> intervals = FiberIntervals.compute(outAndBack, List.of(new ParcelSpan(40, 60, A)));
        assertThat(intervals).extracting(FiberInterval::fiberFromM, FiberInterval::fiberToM, FiberInterval::parcelId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0.0, 40.0, null),
                        org.assertj.core.groups.Tuple.tuple(40.0, 60.0, A),
                        org.assertj.core.groups.Tuple.tuple(60.0, 100.0, null),
                        org.assertj.core.groups.Tuple.tuple(100.0, 140.0, null),
                        org.assertj.core.groups.Tuple.tuple(140.0, 160.0, A),
                        org.assertj.core.groups.Tuple.tuple(160.0, 200.0, null));
    }

    @Test
    void identityCalibrationWithoutParcelsIsOneUnassignedInterval() {
        assertThat(FiberIntervals.compute(Calibration.identity(500), List.of()))
                .containsExactly(new FiberInterval(0, 500, 0, 500, null));
    }

    @Test
    void spanCoveringTheWholeRouteGivesOneInterval() {
        assertThat(FiberIntervals.compute(Calibration.identity(500), List.of(new ParcelSpan(0, 500, B))))
                .containsExactly(new FiberInterval(0, 500, 0, 500, B));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0,0;0,10      | strictly increase",
            "0,0           | at least 2 points",
            "10,0;5,10     | strictly increase",
            "5,0;10,-1     | non-negative"})
    void badCalibrationsAreRefused(String text, String message) {
        List<Point> points = java.util.Arrays.stream(text.split(";")).map(p -> p.split(","))
                .map(p -> new Point(Double.parseDouble(p[0]), Double.parseDouble(p[1]))).toList();
        assertThatThrownBy(() -> Calibration.of(points)).hasMessageContaining(message);
    }
}
