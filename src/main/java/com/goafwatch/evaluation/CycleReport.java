package com.goafwatch.evaluation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one evaluation did.
 *
 * @param dataSource  {@code ok}, or {@code unavailable} when InfluxDB could not be read (then nothing changed:
 *                    an outage is not evidence that the ground is fine, nor that sensors went quiet)
 * @param transitions state changes stored, a rule's first evaluation on a parcel included
 * @param influxMs    time spent waiting for InfluxDB
 * @param statements  InfluxQL statements sent (in {@code roundTrips} requests)
 * @param noDataDeferral accepted batches still waiting in a live spool when the cycle judged, and whether (and for how
 *                    many rules) raising no data was deferred for them; absent when no spool held any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CycleReport(long projectId, String trigger, Instant at, int parcels, int ruleEvaluations, int transitions, String dataSource,
        String error, double totalMs, double influxMs, int statements, int roundTrips,
        NoDataDeferral.Backlog noDataDeferral) {
}
