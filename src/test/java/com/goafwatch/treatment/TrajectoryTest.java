package com.goafwatch.treatment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Minimum-curvature paths with answers worked out by hand. */
class TrajectoryTest {

    @Test
    void aHoleWithoutSurveyIsVertical() {
        List<Trajectory.Point> path = Trajectory.minimumCurvature(List.of(), 120);
        Trajectory.Point end = path.get(path.size() - 1);
        assertThat(end.tvdM()).isCloseTo(120, within(1e-9));
        assertThat(end.eastM()).isCloseTo(0, within(1e-9));
        assertThat(end.northM()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aSteadyBuildIsAnArc() {
        // 0° → 10° over 100 m heading north: dogleg 10°, ratio factor 2/β·tan(β/2) = 1.002539
        List<Trajectory.Point> path = Trajectory.minimumCurvature(List.of(new SurveyStation(0, 0, 0), new SurveyStation(100, 10, 0)), 100);
        Trajectory.Point end = path.get(path.size() - 1);
        double rf = 2 / Math.toRadians(10) * Math.tan(Math.toRadians(5));
        assertThat(end.northM()).isCloseTo(50 * Math.sin(Math.toRadians(10)) * rf, within(1e-9));
        assertThat(end.northM()).isCloseTo(8.7036, within(1e-3));
        assertThat(end.tvdM()).isCloseTo(50 * (1 + Math.cos(Math.toRadians(10))) * rf, within(1e-9));
        assertThat(end.tvdM()).isCloseTo(99.4931, within(1e-3));
        assertThat(end.eastM()).isCloseTo(0, within(1e-9));
        // an arc of radius R = 100 m / β: the exact chord geometry
        double radius = 100 / Math.toRadians(10);
        assertThat(end.northM()).isCloseTo(radius * (1 - Math.cos(Math.toRadians(10))), within(1e-9));
        assertThat(end.tvdM()).isCloseTo(radius * Math.sin(Math.toRadians(10)), within(1e-9));
    }

    @Test
    void aHorizontalLegHoldsDepthAndRunsAlongItsAzimuth() {
        // vertical to 50 m, turned to horizontal heading east (90°) by 50 + 50·π/2 m, then 100 m horizontal
        double buildEnd = 50 + 50 * Math.PI / 2; // a quarter circle of radius 50 m
        List<Trajectory.Point> path = Trajectory.minimumCurvature(List.of(new SurveyStation(50, 0, 90), new SurveyStation(buildEnd, 90, 90)),
                buildEnd + 100);
        Trajectory.Point atBuild = path.get(path.size() - 2);
        Trajectory.Point end = path.get(path.size() - 1);
        assertThat(atBuild.tvdM()).isCloseTo(100, within(1e-6));
        assertThat(atBuild.eastM()).isCloseTo(50, within(1e-6));
        assertThat(end.tvdM()).isCloseTo(100, within(1e-6));
        assertThat(end.eastM()).isCloseTo(150, within(1e-6));
        assertThat(end.northM()).isCloseTo(0, within(1e-6));
    }

    @Test
    void stationsMayComeInAnyOrderButNotTwiceNorBelowTheHole() {
        List<Trajectory.Point> a = Trajectory.minimumCurvature(List.of(new SurveyStation(80, 20, 45), new SurveyStation(40, 10, 45)), 80);
        List<Trajectory.Point> b = Trajectory.minimumCurvature(List.of(new SurveyStation(40, 10, 45), new SurveyStation(80, 20, 45)), 80);
        assertThat(a).isEqualTo(b);
        assertThatThrownBy(() -> Trajectory.minimumCurvature(List.of(new SurveyStation(40, 1, 0), new SurveyStation(40, 2, 0)), 80))
                .hasMessageContaining("two survey stations at measured depth 40");
        assertThatThrownBy(() -> Trajectory.minimumCurvature(List.of(new SurveyStation(90, 1, 0)), 80))
                .hasMessageContaining("below the hole's measured depth");
    }
}
