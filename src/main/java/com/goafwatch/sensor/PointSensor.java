package com.goafwatch.sensor;

import java.time.OffsetDateTime;

/**
 * A point sensor. {@code lon}/{@code lat} in EPSG:4490; {@code parcelId} null when it stands outside every
 * parcel; {@code baselineElevationM} (settlement markers) is the levelled elevation at installation, from
 * which settlement = (baseline − elevation) × 1000 mm, positive downward.
 */
public record PointSensor(long id, long projectId, String code, SensorType type, double lon, double lat, Long parcelId,
        Double baselineElevationM, OffsetDateTime installedAt) {
}
