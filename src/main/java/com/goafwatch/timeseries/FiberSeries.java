package com.goafwatch.timeseries;

/**
 * The InfluxDB schema of fiber samples (measurement {@code fiber_strain}, millisecond precision).
 * <ul>
 * <li>tags: {@code cable} (cable id), {@code parcel} (parcel id, {@code none} when outside every parcel,
 * {@code unmapped} when outside the calibrated span), {@code pos} (fiber distance in m, 3 decimals): one
 * series per sampling position, so a parcel's samples are found through the tag index;</li>
 * <li>fields: {@code strain_ue} (compensated, µε, tension positive), {@code strain_raw_ue} (as read, when
 * compensated), {@code temperature_c}, {@code distance_m}, {@code chainage_m} (absent when unmapped); Brillouin
 * traces add {@code shift_mhz}, {@code reference_shift_mhz} and {@code shift_delta_mhz}, the raw shifts the strain came from.</li>
 * </ul>
 * A point is identified by series and time, so re-sending a trace overwrites it with itself: no duplicates.
 */
public final class FiberSeries {

    public static final String MEASUREMENT = "fiber_strain";
    public static final String TAG_CABLE = "cable";
    public static final String TAG_PARCEL = "parcel";
    public static final String TAG_POSITION = "pos";
    public static final String FIELD_STRAIN = "strain_ue";
    public static final String FIELD_RAW_STRAIN = "strain_raw_ue";
    public static final String FIELD_TEMPERATURE = "temperature_c";
    public static final String FIELD_DISTANCE = "distance_m";
    public static final String FIELD_CHAINAGE = "chainage_m";
    /** Brillouin traces: the measured shift (absolute or change, as uploaded), MHz. */
    public static final String FIELD_SHIFT = "shift_mhz";
    /** Brillouin traces: the loose-tube reference fiber's shift, MHz. */
    public static final String FIELD_REFERENCE_SHIFT = "reference_shift_mhz";
    /** Brillouin traces: the shift change against the cable's reference trace, MHz. */
    public static final String FIELD_SHIFT_DELTA = "shift_delta_mhz";
    /**
     * Per-trace rollup written with the samples, one point per trace × parcel × cable × {@code part} (the
     * first sample's distance in dm: parts of a trace sent in several batches stay apart, and re-sending a
     * batch overwrites its own point). Threshold evaluation reads these instead of every sample.
     */
    public static final String STATS_MEASUREMENT = "fiber_trace_stats";
    public static final String TAG_PART = "part";
    public static final String STAT_MAX = "max_ue";
    public static final String STAT_MIN = "min_ue";
    public static final String STAT_SUM = "sum_ue";
    public static final String STAT_COUNT = "n";
    public static final String STAT_T_MAX = "t_max";
    public static final String STAT_T_MIN = "t_min";
    public static final String STAT_T_SUM = "t_sum";
    public static final String STAT_T_COUNT = "t_n";
    public static final String NO_PARCEL = "none";
    public static final String UNMAPPED = "unmapped";

    private FiberSeries() {
    }

    /** Fiber distance as a tag value: millimetre resolution, fixed 3 decimals ("1234.500"). */
    public static String positionTag(double distanceM) {
        return appendPositionTag(new StringBuilder(12), distanceM).toString();
    }

    /** {@link #positionTag} appended to {@code b} (ingestion writes one per sample: no intermediate strings). */
    public static StringBuilder appendPositionTag(StringBuilder b, double distanceM) {
        long mm = Math.round(distanceM * 1000);
        long frac = mm % 1000;
        return b.append(mm / 1000).append('.').append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac);
    }
}
