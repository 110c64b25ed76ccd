package com.goafwatch.sensor;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kinds of point sensor, each with the one unit its readings are stored in. */
public enum SensorType {
    SETTLEMENT_MARKER("settlement-marker", "mm"),
    TILTMETER("tiltmeter", "mm/m"),
    EXTENSOMETER("extensometer", "mm"),
    PIEZOMETER("piezometer", "kPa");

    private final String dbValue;
    private final String unit;

    SensorType(String dbValue, String unit) {
        this.dbValue = dbValue;
        this.unit = unit;
    }

    @JsonValue
    public String dbValue() {
        return dbValue;
    }

    public String unit() {
        return unit;
    }

    public static Optional<SensorType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.dbValue.equals(text)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(SensorType::dbValue).collect(Collectors.joining(", "));
    }
}
