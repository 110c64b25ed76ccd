package com.goafwatch.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Instants given as query parameters (RFC 3339 with offset); a 400 naming the parameter when malformed. */
public final class RequestTime {

    private RequestTime() {
    }

    public static Instant parse(String parameter, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-time-range", parameter + " '" + text
                    + "' is not an RFC 3339 date-time with offset, such as 2026-06-30T00:00:00Z").with("parameter", parameter);
        }
    }

    /** The instant, or now when the parameter is absent. */
    public static Instant orNow(String parameter, String text) {
        return text == null || text.isBlank() ? Instant.now() : parse(parameter, text);
    }
}
