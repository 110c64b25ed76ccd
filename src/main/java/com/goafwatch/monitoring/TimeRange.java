package com.goafwatch.monitoring;

import java.time.Duration;
import java.time.Instant;

import com.goafwatch.system.ApiException;

/** A half-open time range [from, to) given as ISO-8601 instants; defaults to the last 30 days. */
record TimeRange(Instant from, Instant to) {

    static TimeRange parse(String from, String to, Duration maxSpan) {
        Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(30)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("invalid-time-range", "from " + start + " must be before to " + end);
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ApiException.badRequest("invalid-time-range", "time range longer than " + maxSpan.toDays()
                    + " days (goafwatch.limits.max-query-span)");
        }
        return new TimeRange(start, end);
    }

    static Instant instant(String name, String text) {
        return com.goafwatch.system.RequestTime.parse(name, text);
    }

    String influxQl() {
        return "time >= " + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
    }
}
