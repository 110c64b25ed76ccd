package com.goafwatch.evaluation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval           time between scheduled evaluations of every parcel; zero switches the schedule off
 * @param afterIngestDelay   how long to gather ingested batches before evaluating the parcels they touched
 * @param traceBucket        samples of one cable within this bucket count as one trace (DFOS traces are
 *                           minutes apart; the spike filter compares traces)
 * @param neighbourDistanceM markers further apart than this are not neighbours for tilt and curvature
 * @param onIngest           evaluate the parcels an ingestion touched once its batch is in InfluxDB
 * @param firstCycleAfter    no evaluation (scheduled or after ingestion) before this long after start-up, so that
 *                           backlogs resent after a restart are in before sensors are judged silent
 * @param confirmationSamples a level resting on one trace is confirmed spatially when it holds over this many
 *                           adjacent fiber samples (the gauge length: 3 samples at 1 m spacing)
 * @param overdueFactor      a lone trace's unconfirmed level is raised anyway (marked unconfirmed) when no later
 *                           trace came within this many of the cable's reading intervals
 * @param repeatabilityUe    the interrogator's repeatability at the fiber (µε; PPP-BOTDA ±25 µε, docs/domain.md
 *                           "Brillouin sensing"): a second trace confirms a strain level when it reaches the threshold
 *                           less this ÷ the cable's coupling — a growing exceedance is not held back by noise in the
 *                           confirming trace, while a one-sample spike (the next trace near 0) still never confirms
 * @param rateTraces         a fiber strain rate is the least-squares slope over at most this many of the latest
 *                           traces spanning the rule's window (more are thinned evenly): each is read as its position-bin
 *                           rollup ({@code fiber_rate_bins}, raw for traces older than it), so this bounds what a cycle
 *                           reads whatever the cadence. 4 is the fewest at which least squares differs from the two end
 *                           traces (with 3 evenly spaced the middle one has no weight)
 * @param manualWait         longest a requested cycle ({@code POST …/evaluate}) waits for a cycle of the same project
 *                           running elsewhere; beyond it the request is answered 503 with Retry-After
 */
@ConfigurationProperties("goafwatch.evaluation")
public record EvaluationProperties(@DefaultValue("5m") Duration interval, @DefaultValue("3s") Duration afterIngestDelay,
        @DefaultValue("1m") Duration traceBucket, @DefaultValue("150") double neighbourDistanceM,
        @DefaultValue("true") boolean onIngest, @DefaultValue("10s") Duration firstCycleAfter,
        @DefaultValue("3") int confirmationSamples, @DefaultValue("1.5") double overdueFactor,
        @DefaultValue("25") double repeatabilityUe, @DefaultValue("4") int rateTraces,
        @DefaultValue("30s") Duration manualWait) {
}
