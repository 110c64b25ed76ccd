package com.goafwatch.threshold;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Warning levels, least to most severe: blue (IV, general) &lt; yellow (III) &lt; orange (II) &lt; red (I). */
public enum Level {
    BLUE, YELLOW, ORANGE, RED;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
