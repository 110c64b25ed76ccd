package com.goafwatch.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** An instant given as a query parameter (RFC 3339), or now when absent; a 400 naming the parameter otherwise. */
public final class RequestTime {

    private RequestTime() {
    }

    public static Instant orNow(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-time", parameter + " '" + text + "' is not an RFC 3339 date-time such as 2026-06-30T00:00:00Z");
        }
    }
}
