package com.goafwatch.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Readings of one settlement marker (mm, positive downward) with rates in mm/d between consecutive
 * readings, and the least-squares rate over the whole range (null with fewer than two readings).
 */
public record SettlementSeries(long sensorId, String sensor, Long parcelId, Instant from, Instant to, List<Reading> readings,
        Double fittedRateMmPerDay, Double latestSettlementMm) {

    public record Reading(Instant time, double settlementMm, Double rateMmPerDay) {
    }
}
