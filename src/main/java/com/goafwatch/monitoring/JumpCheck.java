package com.goafwatch.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Plausibility of a new settlement reading against the marker's own history, before it is saved. A reading is
 * implausible when its change from the last reading exceeds {@code TOLERANCE_MM + RATE_FACTOR × r × d}: {@code r} the
 * fastest rate (|Δs|/Δt, mm/d) between consecutive readings so far, {@code d} the days since the last reading. The
 * tolerance covers levelling repeatability and a fresh start of movement; the factor lets a marker speed up threefold
 * before it is questioned. A warning is advice, not a refusal: real movement can be sudden, so the engineer decides.
 *
 * <p>Settlement is in mm, positive downward; the check is on the size of the change, so heave is judged the same way.
 * With fewer than two readings there is no rate to judge by, and the result says so ({@link Verdict#judged()} false).
 * Pure: no I/O.
 */
public final class JumpCheck {

    /** Below this change nothing is questioned (mm). */
    static final double TOLERANCE_MM = 5.0;
    /** How many times the fastest rate seen is still plausible. */
    static final double RATE_FACTOR = 3.0;

    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private JumpCheck() {
    }

    /** A stored reading: time and settlement in mm (positive downward). */
    public record Reading(Instant time, double settlementMm) {
    }

    /**
     * @param judged          false when the history has fewer than two readings (then plausible is true and the numbers are null)
     * @param jumpMm          new minus last settlement
     * @param allowedMm       the largest |change| still plausible
     * @param days            days since the last reading
     * @param maxRateMmPerDay fastest |rate| between consecutive readings so far
     */
    public record Verdict(boolean judged, boolean plausible, Double lastSettlementMm, Double jumpMm, Double allowedMm, Double days,
            Double maxRateMmPerDay) {
    }

    /** @param history the marker's readings in time order */
    public static Verdict check(List<Reading> history, Instant at, double settlementMm) {
        if (history.size() < 2) {
            Double last = history.isEmpty() ? null : history.get(0).settlementMm();
            return new Verdict(false, true, last, last == null ? null : settlementMm - last, null, null, null);
        }
        double maxRate = maxRateMmPerDay(history);
        Reading last = history.get(history.size() - 1);
        double days = Math.max(0, Duration.between(last.time(), at).toMillis() / MILLIS_PER_DAY);
        double allowed = TOLERANCE_MM + RATE_FACTOR * maxRate * days;
        double jump = settlementMm - last.settlementMm();
        return new Verdict(true, Math.abs(jump) <= allowed, last.settlementMm(), jump, allowed, days, maxRate);
    }

    /** Fastest |Δs|/Δt between consecutive readings (readings at the same instant are skipped). */
    static double maxRateMmPerDay(List<Reading> history) {
        double max = 0;
        for (int i = 1; i < history.size(); i++) {
            double days = Duration.between(history.get(i - 1).time(), history.get(i).time()).toMillis() / MILLIS_PER_DAY;
            if (days > 0) {
                max = Math.max(max, Math.abs(history.get(i).settlementMm() - history.get(i - 1).settlementMm()) / days);
            }
        }
        return max;
    }
}
