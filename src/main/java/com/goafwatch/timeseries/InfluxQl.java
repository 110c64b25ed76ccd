package com.goafwatch.timeseries;

/**
 * InfluxQL quoting. Identifiers are double-quoted with embedded quotes and backslashes escaped; string
 * literals single-quoted likewise. Values never reach a query unquoted.
 */
public final class InfluxQl {

    private InfluxQl() {
    }

    public static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The {@code tz()} clause that makes {@code GROUP BY time(1d)} cut days at the zone's midnight (daylight saving included). */
    public static String tz(java.time.ZoneId zone) {
        return "tz(" + stringLiteral(zone.getId()) + ")";
    }

    /** A duration literal in whole seconds, or {@code INF} for zero (keep forever). */
    public static String duration(java.time.Duration d) {
        return d.isZero() ? "INF" : d.toSeconds() + "s";
    }
}
