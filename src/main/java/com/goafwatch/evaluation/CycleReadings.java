package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * The InfluxDB side of one cycle: the aggregated statements in one round trip, then (only for rate
 * rules) the bin rollups of the traces their least-squares slopes are fitted to in a second, and raw samples of
 * those traces that have no bin rollup (written before it existed) in a third, only when there are any. Throws when InfluxDB cannot be read; keeps the
 * statements and the time spent waiting, for the cycle report and the benchmark.
 */
final class CycleReadings {

    private final FiberReadings fiber;
    private final MarkerReadings markers;
    /** the arithmetic over what {@code fiber} read; made once the reads are in */
    private FiberValues fiberValues;
    private MarkerValues markerValues;
    private final List<StatementBatch> trips = new ArrayList<>();

    /**
     * @param first                 the batch the aggregated statements join: a backtest sends those of several cycles in one round trip
     * @param newestLookbackSeconds how far back the newest sample per parcel is searched (at least the plan's lookback)
     */
    CycleReadings(CyclePlan plan, Instant now, long traceBucketMs, double overdueFactor, int confirmationSamples, int rateTraces,
            StatementBatch first, long newestLookbackSeconds) {
        fiber = new FiberReadings(first, plan.layout(), plan.baselines(), plan.fiberRules().values(), plan.subset(), now, traceBucketMs,
                newestLookbackSeconds, overdueFactor, confirmationSamples, rateTraces);
        markers = new MarkerReadings(first, plan.layout(), plan.baselines(), plan.markerRules().values(), plan.subset(), now,
                traceBucketMs, newestLookbackSeconds);
        trips.add(first);
    }

    void read(InfluxClient influx) {
        trips.get(0).run(influx);
        collect(influx);
    }

    /** Takes the results of the first batch once it has run, then reads the rates (a second round trip, rate rules only). */
    void collect(InfluxClient influx) {
        StatementBatch first = trips.get(0);
        fiber.collect(first);
        markers.collect(first);
        StatementBatch rates = new StatementBatch();
        if (fiber.planRates(rates)) {
            trips.add(rates);
            rates.run(influx);
            fiber.rates.collectBins(rates);
            StatementBatch raw = new StatementBatch();
            if (fiber.rates.planRaw(raw)) {
                trips.add(raw);
                raw.run(influx);
                fiber.rates.collectRaw(raw);
            }
        }
    }

    /**
     * Whether every read of this cycle is a time slice of a {@link FiberRollupHistory}: fiber rules reading only the
     * per-trace rollups (no baseline, percentile, length-over-limit or rate), and no marker or survey rule.
     */
    boolean slicesRollupsOnly(CyclePlan plan) {
        return plan.markerRules().isEmpty() && fiber.rollupsOnly();
    }

    FiberReadings fiber() {
        return fiber;
    }

    /** In place of {@link #collect}: this cycle's reads sliced from the history a backtest read once; no round trip. */
    void collectFrom(FiberRollupHistory history, long newestLookbackSeconds) {
        fiber.collectFrom(history, newestLookbackSeconds);
    }

    RuleValue value(ThresholdRule rule, long parcelId) {
        if (fiberValues == null) {
            fiberValues = new FiberValues(fiber);
            markerValues = new MarkerValues(markers);
        }
        return rule.metric().fiber() ? fiberValues.value(rule, parcelId) : markerValues.value(rule, parcelId);
    }

    Instant newest(ThresholdRule rule, long parcelId) {
        if (rule.metric().survey()) {
            return markers.newestSurvey(parcelId);
        }
        return rule.metric().fiber() ? fiber.newest(parcelId) : markers.newest(parcelId);
    }

    List<StatementBatch> trips() {
        return trips;
    }
}
