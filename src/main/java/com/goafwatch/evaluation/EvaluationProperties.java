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
 */
@ConfigurationProperties("goafwatch.evaluation")
public record EvaluationProperties(@DefaultValue("5m") Duration interval, @DefaultValue("3s") Duration afterIngestDelay,
        @DefaultValue("1m") Duration traceBucket, @DefaultValue("150") double neighbourDistanceM,
        @DefaultValue("true") boolean onIngest, @DefaultValue("10s") Duration firstCycleAfter) {
}
