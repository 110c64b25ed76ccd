package com.goafwatch.timeseries;

/**
 * The InfluxDB schema of 3-D survey readings (millisecond precision): measurement {@code survey}, tags
 * {@code sensor} (marker id) and {@code parcel} (id or {@code none}); fields {@code easting_m},
 * {@code northing_m}, {@code height_m} as surveyed in the project's survey CRS, and the displacement from the
 * marker's survey baseline: {@code east_mm}, {@code north_mm}, {@code horizontal_mm} (magnitude) and
 * {@code height_change_mm} (positive up).
 */
public final class SurveySeries {

    public static final String MEASUREMENT = "survey";
    public static final String TAG_SENSOR = "sensor";
    public static final String TAG_PARCEL = "parcel";
    public static final String FIELD_EASTING = "easting_m";
    public static final String FIELD_NORTHING = "northing_m";
    public static final String FIELD_HEIGHT = "height_m";
    public static final String FIELD_EAST = "east_mm";
    public static final String FIELD_NORTH = "north_mm";
    public static final String FIELD_HORIZONTAL = "horizontal_mm";
    public static final String FIELD_HEIGHT_CHANGE = "height_change_mm";

    private SurveySeries() {
    }
}
