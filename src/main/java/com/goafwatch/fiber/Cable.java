package com.goafwatch.fiber;

import java.time.OffsetDateTime;

/**
 * A sensing cable. Lengths in metres; {@code couplingCoefficient} is the share of ground strain the fiber
 * feels (0.19–0.5 measured for tight-buffered cables in soil); thresholds on fiber strain must account for it.
 *
 * @param routeLengthM length of the mapped route in EPSG:4548 (trench), or the borehole depth
 * @param readingIntervalSeconds  expected time between its traces as set on the cable (null: inherit)
 * @param expectedIntervalSeconds the interval in force: its own, else the project's fiber default, else 1 d
 */
public record Cable(long id, long projectId, String code, String channel, Installation installation, double fiberLengthM,
        double routeLengthM, String fiberType, double couplingCoefficient, Compensation compensation,
        double tempCoefficientUePerC, Double baselineTemperatureC, OffsetDateTime baselineTime, Long readingIntervalSeconds,
        long expectedIntervalSeconds) {
}
