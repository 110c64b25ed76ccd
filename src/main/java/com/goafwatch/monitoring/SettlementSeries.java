package com.goafwatch.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Readings of one settlement marker (mm, positive downward) with rates in mm/d between consecutive
 * readings, and the least-squares rate over the whole range (null with fewer than two readings). Each
 * reading names its {@code day} in the site's zone ({@code zone}): a levelling at 00:30 site time belongs to
 * that site day, although it is still the previous day in UTC.
 */
public record SettlementSeries(long sensorId, String sensor, Long parcelId, Instant from, Instant to, String zone, List<Reading> readings,
        Double fittedRateMmPerDay, Double latestSettlementMm) {

    public record Reading(Instant time, LocalDate day, double settlementMm, Double rateMmPerDay) {
    }
}
