package com.goafwatch.threshold;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rule watches, with the one unit its levels are given in.
 * <ul>
 * <li>{@code fiber_strain}: ground-equivalent horizontal strain, µε, tension positive — the fiber reading
 * divided by the cable's coupling coefficient, so that ground limits (class I: 2 mm/m = 2000 µε) apply to
 * every cable alike;</li>
 * <li>{@code fiber_strain_rate}: its change per day, µε/d;</li>
 * <li>{@code settlement}: cumulative settlement since the baseline, mm, positive downward;
 * {@code settlement_rate}: mm/d;</li>
 * <li>{@code tilt}: between neighbouring settlement markers, mm/m; {@code curvature}: 10⁻³/m (1/km);</li>
 * <li>{@code horizontal_displacement}: a settlement marker's horizontal movement since its survey baseline (3-D
 * survey by total station or GNSS), mm, a magnitude; {@code horizontal_displacement_rate}: its change per day,
 * mm/d;</li>
 * <li>{@code fiber_temperature}: °C, for cable health.</li>
 * </ul>
 */
public enum Metric {
    FIBER_STRAIN("fiber_strain", "ue", true),
    FIBER_STRAIN_RATE("fiber_strain_rate", "ue/d", true),
    SETTLEMENT("settlement", "mm", false),
    SETTLEMENT_RATE("settlement_rate", "mm/d", false),
    TILT("tilt", "mm/m", false),
    CURVATURE("curvature", "1/km", false),
    FIBER_TEMPERATURE("fiber_temperature", "degC", true),
    HORIZONTAL_DISPLACEMENT("horizontal_displacement", "mm", false),
    HORIZONTAL_DISPLACEMENT_RATE("horizontal_displacement_rate", "mm/d", false);

    private final String dbValue;
    private final String unit;
    private final boolean fiber;

    Metric(String dbValue, String unit, boolean fiber) {
        this.dbValue = dbValue;
        this.unit = unit;
        this.fiber = fiber;
    }

    @JsonValue
    public String dbValue() {
        return dbValue;
    }

    public String unit() {
        return unit;
    }

    /** Measured along fibers (so statistics over fiber length apply). */
    public boolean fiber() {
        return fiber;
    }

    /** Read from the 3-D survey of settlement markers (InfluxDB {@code survey}), not from levelling. */
    public boolean survey() {
        return this == HORIZONTAL_DISPLACEMENT || this == HORIZONTAL_DISPLACEMENT_RATE;
    }

    /** A change per day, judged at the fastest position or marker. */
    public boolean rate() {
        return this == FIBER_STRAIN_RATE || this == SETTLEMENT_RATE || this == HORIZONTAL_DISPLACEMENT_RATE;
    }

    public static Optional<Metric> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.dbValue.equals(text)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Metric::dbValue).collect(Collectors.joining(", "));
    }
}
