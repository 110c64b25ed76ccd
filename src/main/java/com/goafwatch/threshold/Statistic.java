package com.goafwatch.threshold;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a parcel's samples within the window become one value: {@code max_abs}, {@code max}, {@code min},
 * {@code mean}, {@code percentile} (parameter: the percentile, 0–100), or {@code length_over} (fiber
 * metrics only; parameter: the value above which a sample counts; the result, in metres, is the length
 * of fiber whose |value| exceeds it), or {@code change} (marker metrics: settlement, tilt, curvature; the
 * newest value minus the value at the window's start, as a movement-ended test such as "≤ 30 mm in 6 months"
 * means it, against max/min/max_abs which judge the total since the baseline). {@code change} is judged by
 * magnitude: settling on or heaving back both count as movement.
 */
public enum Statistic {
    MAX_ABS, MAX, MIN, MEAN, PERCENTILE, LENGTH_OVER, CHANGE;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Statistic> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.dbValue().equals(text)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Statistic::dbValue).collect(Collectors.joining(", "));
    }
}
