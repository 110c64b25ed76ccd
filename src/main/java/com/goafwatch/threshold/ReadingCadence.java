package com.goafwatch.threshold;

import java.util.Locale;

/**
 * How often a sensor is expected to report, and what follows from it for the rules that read it. An
 * interval is the sensor's own, else its project's default for its kind, else the type default: fiber
 * traces 1 d (interrogators on remote sites read daily), settlement markers 15 d (levelled half-monthly
 * during and after treatment, GB 51180-2016 ch. 12), other point sensors 1 d (loggers). A rule without
 * its own no-data age calls its sensors silent after {@value #NO_DATA_FACTOR} × the longest interval among
 * them: one late reading is not silence, two missed readings are.
 */
public final class ReadingCadence {

    public static final double NO_DATA_FACTOR = 2.5;
    public static final long FIBER_DEFAULT_SECONDS = 86_400;
    public static final long LEVELLING_DEFAULT_SECONDS = 15 * 86_400;
    public static final long LOGGER_DEFAULT_SECONDS = 86_400;

    /** SQL for a cable's interval; needs {@code cable c} joined with {@code project pr}. */
    public static final String CABLE_INTERVAL_SQL = "COALESCE(c.reading_interval_seconds, pr.fiber_interval_seconds, "
            + FIBER_DEFAULT_SECONDS + ")";
    /** SQL for a point sensor's interval; needs {@code point_sensor s} joined with {@code project pr}. */
    public static final String SENSOR_INTERVAL_SQL = "COALESCE(s.reading_interval_seconds, CASE WHEN s.sensor_type = 'settlement-marker' "
            + "THEN COALESCE(pr.levelling_interval_seconds, " + LEVELLING_DEFAULT_SECONDS + ") ELSE " + LOGGER_DEFAULT_SECONDS + " END)";

    private ReadingCadence() {
    }

    /** The type default of a sensor kind ({@code fiber} or a point-sensor type). */
    public static long typeDefaultSeconds(String kind) {
        return switch (kind) {
            case "fiber" -> FIBER_DEFAULT_SECONDS;
            case "settlement-marker" -> LEVELLING_DEFAULT_SECONDS;
            default -> LOGGER_DEFAULT_SECONDS;
        };
    }

    /** The no-data age derived from the longest reading interval among a rule's sensors. */
    public static long noDataAfterSeconds(long intervalSeconds) {
        return Math.round(NO_DATA_FACTOR * intervalSeconds);
    }

    /** "15 d", "1 d", "6 h", "30 min", "45 s": how an interval is named in messages. */
    public static String describe(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds >= 86_400) {
            return String.format(Locale.ROOT, "%.1f d", seconds / 86_400.0);
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
