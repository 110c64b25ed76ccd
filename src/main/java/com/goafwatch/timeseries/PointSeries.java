package com.goafwatch.timeseries;

/**
 * The InfluxDB schema of point sensors (millisecond precision).
 * <ul>
 * <li>{@code settlement}: tags {@code sensor} (sensor id), {@code parcel} (id or {@code none}); fields
 * {@code settlement_mm} (cumulative, positive downward), {@code elevation_m} when levelled, {@code levelling_run}
 * (id of the levelling run record in PostGIS) when it came from an imported digital-level file;</li>
 * <li>{@code sensor_reading}: tags {@code sensor}, {@code parcel}, {@code type}; field {@code value} in the
 * sensor type's unit (tiltmeter mm/m, extensometer mm, piezometer kPa).</li>
 * </ul>
 */
public final class PointSeries {

    public static final String SETTLEMENT = "settlement";
    public static final String READING = "sensor_reading";
    public static final String TAG_SENSOR = "sensor";
    public static final String TAG_PARCEL = "parcel";
    public static final String TAG_TYPE = "type";
    public static final String FIELD_SETTLEMENT = "settlement_mm";
    public static final String FIELD_ELEVATION = "elevation_m";
    public static final String FIELD_LEVELLING_RUN = "levelling_run";
    public static final String FIELD_VALUE = "value";

    private PointSeries() {
    }
}
