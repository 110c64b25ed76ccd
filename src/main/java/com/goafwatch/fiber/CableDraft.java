package com.goafwatch.fiber;

import java.time.OffsetDateTime;

import org.locationtech.jts.geom.Geometry;

/** A validated cable ready to be written; {@code geometry} (LineString or Point) is in {@code srid}. */
record CableDraft(String code, String channel, Installation installation, Geometry geometry, int srid, Double depthM,
        double fiberLengthM, String fiberType, double couplingCoefficient, Compensation compensation,
        double tempCoefficientUePerC, Double baselineTemperatureC, OffsetDateTime baselineTime, Long readingIntervalSeconds) {
}
