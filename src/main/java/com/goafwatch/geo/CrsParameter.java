package com.goafwatch.geo;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses a CRS given by a client, failing with a message that lists what is accepted. */
public final class CrsParameter {

    private CrsParameter() {
    }

    /**
     * @param parameterName the query parameter or field the value came from, for the message
     * @param value         the client's text; null or blank yields {@code fallback}
     * @throws IllegalArgumentException naming the parameter, the bad value and the accepted CRSs
     */
    public static SupportedCrs parseOr(String parameterName, String value, SupportedCrs fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return SupportedCrs.parse(value).orElseThrow(() -> new IllegalArgumentException(
                parameterName + " '" + value + "' is not a supported CRS; use one of " + accepted()));
    }

    public static String accepted() {
        return Arrays.stream(SupportedCrs.values()).map(SupportedCrs::code).collect(Collectors.joining(", "))
                + " (or CRS84 / OGC URIs)";
    }
}
