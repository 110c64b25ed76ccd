package com.goafwatch.system;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants and dates a client sends (query parameters, JSON fields, record dates, sample timestamps): RFC 3339 with offset,
 * a 400 naming the parameter when malformed or outside the accepted range.
 *
 * <p>The range, 1900-01-01T00:00:00Z inclusive to 2200-01-01T00:00:00Z exclusive, lies well inside what InfluxDB can
 * represent (1677-09-21 to 2262-04-11, nanoseconds since the epoch in a long), so the windows the service adds or subtracts
 * (30-day defaults, 100-day stability windows, the ten-year max-query-span, site zones) never overflow there or in Java;
 * no mine-subsidence record predates 1900 or is planned after 2200.
 */
public final class RequestTime {

    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Exclusive. */
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");
    public static final String RANGE = "from " + EARLIEST + " (inclusive) to " + END + " (exclusive)";

    private RequestTime() {
    }

    public static Instant parse(String parameter, String text) {
        Instant t;
        try {
            t = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("invalid-time-range", parameter + " '" + text
                    + "' is not an RFC 3339 date-time with offset, such as 2026-06-30T00:00:00Z").with("parameter", parameter);
        }
        return require(parameter, t);
    }

    /** The instant, or now when the parameter is absent. */
    public static Instant orNow(String parameter, String text) {
        return text == null || text.isBlank() ? Instant.now() : parse(parameter, text);
    }

    /** The instant, or null when absent; for parameters Spring has already converted. */
    public static Instant require(String parameter, Instant t) {
        if (t != null && !accepts(t)) {
            throw ApiException.badRequest("invalid-time-range", outOfRange(parameter, t)).with("parameter", parameter)
                    .with("earliest", EARLIEST.toString()).with("before", END.toString());
        }
        return t;
    }

    public static boolean accepts(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(END);
    }

    public static boolean accepts(long epochMillis) {
        return epochMillis >= EARLIEST.toEpochMilli() && epochMillis < END.toEpochMilli();
    }

    /** A date's day (taken in UTC; site zones move it by hours, far from the range's edges of InfluxDB) lies in the range. */
    public static boolean accepts(LocalDate d) {
        return accepts(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The reason for a field or row error of an import: the name, the value and the accepted range. */
    public static String outOfRange(String name, Object value) {
        return name + " " + value + " lies outside the accepted range, " + RANGE;
    }
}
