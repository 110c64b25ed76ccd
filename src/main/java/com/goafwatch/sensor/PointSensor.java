package com.goafwatch.sensor;

import java.time.OffsetDateTime;

/**
 * A point sensor. {@code lon}/{@code lat} in EPSG:4490; {@code parcelId} null when it stands outside every
 * parcel; {@code baselineElevationM} (settlement markers) is the levelled elevation at installation, from
 * which settlement = (baseline − elevation) × 1000 mm, positive downward. {@code readingIntervalSeconds} is the
 * expected time between its readings as set (null: inherit); {@code expectedIntervalSeconds} the one in force (its own,
 * else for settlement markers the project's levelling default or 15 d, half-monthly per GB 51180-2016 ch. 12; 1 d for
 * other types).
 */
public record PointSensor(long id, long projectId, String code, SensorType type, double lon, double lat, Long parcelId,
        Double baselineElevationM, OffsetDateTime installedAt, Long readingIntervalSeconds, long expectedIntervalSeconds) {
}
