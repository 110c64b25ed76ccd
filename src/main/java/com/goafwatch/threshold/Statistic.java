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
 * of fiber whose |value| exceeds it).
 */
public enum Statistic {
    MAX_ABS, MAX, MIN, MEAN, PERCENTILE, LENGTH_OVER;

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
