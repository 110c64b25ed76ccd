package com.goafwatch.parcel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Life of a parcel: planned → treating → treated → monitoring → accepted / rejected. A parcel may move
 * forward (steps may be skipped when records arrive late) but never back, except that a rejected
 * parcel returns to treating for re-treatment. Accepted and rejected are verdicts, reachable only
 * from monitoring.
 */
public enum ParcelStatus {
    PLANNED, TREATING, TREATED, MONITORING, ACCEPTED, REJECTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParcelStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.dbValue().equals(text)).findFirst();
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(ParcelStatus::dbValue).collect(Collectors.joining(", "));
    }

    public boolean canMoveTo(ParcelStatus next) {
        if (next == this) {
            return true;
        }
        if (this == REJECTED) {
            return next == TREATING;
        }
        if (this == ACCEPTED) {
            return false;
        }
        if (next == ACCEPTED || next == REJECTED) {
            return this == MONITORING;
        }
        return next.ordinal() > ordinal();
    }
}
