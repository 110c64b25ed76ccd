package com.goafwatch.survey;

import java.time.Instant;
import java.util.List;

/**
 * A marker's 3-D survey readings with their displacement from its survey baseline, oldest first (API shape).
 * Millimetres; east and north along the survey CRS's grid axes; height change positive up; azimuth the grid
 * bearing clockwise from grid north (null when the marker has not moved horizontally). Empty readings when
 * the marker has not been surveyed in the range; {@code baseline} null when it has never been surveyed.
 */
public record DisplacementSeries(long sensorId, String code, String crs, Baseline baseline, List<Reading> readings) {

    public record Baseline(Instant time, double eastingM, double northingM, double heightM) {
    }

    public record Reading(Instant time, double eastingM, double northingM, double heightM, double eastMm, double northMm,
            double horizontalMm, Double azimuthDeg, double heightChangeMm) {
    }
}
