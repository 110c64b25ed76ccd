package com.goafwatch.evaluation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of a rule backtest (a 422 problem beyond them): each cycle is a real evaluation with its InfluxDB
 * round trips, so the cost grows with days ÷ step.
 *
 * @param maxDays              longest history a backtest replays
 * @param maxCycles            most evaluation cycles one backtest runs
 * @param stepWhenUnscheduled  the cycle step when the schedule is off ({@code goafwatch.evaluation.interval} = 0):
 *                             the schedule's default
 * @param cyclesPerRoundTrip   cycles whose aggregated InfluxDB statements go in one request. 1 by default: the
 *                             backtest benchmark found no gain from more (the cycles' windows overlap, so one request
 *                             carries the same rows many times; 24 per request was 1.6 × slower on 500 parcels)
 */
@ConfigurationProperties("goafwatch.backtest")
public record BacktestProperties(@DefaultValue("90") int maxDays, @DefaultValue("20000") int maxCycles,
        @DefaultValue("5m") Duration stepWhenUnscheduled, @DefaultValue("1") int cyclesPerRoundTrip) {
}
