package com.goafwatch.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

import com.goafwatch.system.RequestTime;

/**
 * Parses trace timestamps: ISO-8601 with offset or Z, or local date-times ({@code 2020-08-12 09:31:04.123}
 * or with {@code T}) read in the site's zone. Remembers the last text, because every row of a trace
 * repeats the same timestamp.
 */
public final class Timestamps {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).parseDefaulting(ChronoField.NANO_OF_SECOND, 0).toFormatter();

    private final ZoneId zone;
    private String lastText;
    private long lastMillis;

    public Timestamps(ZoneId zone) {
        this.zone = zone;
    }

    /** @throws IllegalArgumentException naming the text when it is no timestamp */
    public long toEpochMillis(String text) {
        if (text.equals(lastText)) {
            return lastMillis;
        }
        String t = text.trim();
        long millis;
        try {
            if (t.matches("-?\\d{10,16}")) {
                throw new IllegalArgumentException("timestamp '" + t + "' is a bare number; write ISO-8601 (2026-05-01T08:00:00+08:00)");
            }
            boolean hasOffset = t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$");
            millis = hasOffset ? OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli()
                    : LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + t + "' is not ISO-8601");
        } catch (DateTimeException | ArithmeticException e) {
            // a year such as +999999999 parses but has no epoch milliseconds
            throw new IllegalArgumentException(RequestTime.outOfRange("timestamp", t));
        }
        if (!RequestTime.accepts(millis)) {
            throw new IllegalArgumentException(RequestTime.outOfRange("timestamp", t));
        }
        lastText = text;
        lastMillis = millis;
        return millis;
    }
}
