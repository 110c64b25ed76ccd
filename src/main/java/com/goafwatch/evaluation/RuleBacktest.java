package com.goafwatch.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.system.ApiException;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxSeries;

/**
 * Replays the evaluator over stored history for a draft rule: the scheduler's cycles at its interval over the
 * last days, each reading InfluxDB as of its time and judged by {@link Evaluator#judge} with trackers held here
 * in memory. Nothing is written: no rule state, flag, alert, notification or audit entry. The baselines are
 * those recorded today.
 */
@Service
class RuleBacktest {

    /**
     * The most per-trace rollup points a backtest reads at once (one per parcel × cable × trace): a point is ~10 numbers,
     * held while parsed as a JSON tree (~0.5 kB) and then as a {@link TraceStat} (~0.2 kB): an estimated ~100 MB at the
     * peak. The 500-parcel benchmark site's whole history is ~12 k points; beyond the bound the backtest reads cycle by cycle.
     */
    static final int MAX_HISTORY_ROWS = 200_000;

    private final Evaluator evaluator;
    private final LayoutReader layouts;
    private final RuleRepository rules;
    private final JdbcClient jdbc;
    private final InfluxClient influx;
    private final EvaluationProperties evaluation;
    private final BacktestProperties limits;
    private final boolean readHistoryOnce;

    @Autowired
    RuleBacktest(Evaluator evaluator, LayoutReader layouts, RuleRepository rules, JdbcClient jdbc, InfluxClient influx,
            EvaluationProperties evaluation, BacktestProperties limits) {
        this(evaluator, layouts, rules, jdbc, influx, evaluation, limits, true);
    }

    /** @param readHistoryOnce false: every cycle reads InfluxDB itself (the benchmark's baseline, the pre-history path) */
    RuleBacktest(Evaluator evaluator, LayoutReader layouts, RuleRepository rules, JdbcClient jdbc, InfluxClient influx,
            EvaluationProperties evaluation, BacktestProperties limits, boolean readHistoryOnce) {
        this.readHistoryOnce = readHistoryOnce;
        this.evaluator = evaluator;
        this.layouts = layouts;
        this.rules = rules;
        this.jdbc = jdbc;
        this.influx = influx;
        this.evaluation = evaluation;
        this.limits = limits;
    }

    /** The scheduler's interval, the step a backtest replays at. */
    Duration step() {
        return evaluation.interval().isZero() || evaluation.interval().isNegative() ? limits.stepWhenUnscheduled() : evaluation.interval();
    }

    /** The longest backtest allowed, in days: by days, and by cycles at the step. */
    int maxDays() {
        return (int) Math.min(limits.maxDays(), (long) limits.maxCycles() * step().getSeconds() / 86_400);
    }

    /**
     * @param draft the rule as it would be saved (id 0 when new, else the rule it replaces)
     * @param end   the last cycle's time
     */
    BacktestDocument run(long projectId, ThresholdRule draft, int days, Instant end) {
        if (days < 1 || days > maxDays()) {
            throw ApiException.unprocessable("invalid-backtest", "Backtest out of bounds", String.format(Locale.ROOT,
                    "days must be between 1 and %d (at most %d days and %d evaluation cycles of %d s)", maxDays(), limits.maxDays(),
                    limits.maxCycles(), step().getSeconds()))
                    .with("errors", List.of(Map.of("field", "days", "reason", "between 1 and " + maxDays())));
        }
        long t0 = System.nanoTime();
        long stepSeconds = step().getSeconds();
        int cycles = (int) (days * 86_400L / stepSeconds);
        Instant from = end.minusSeconds(cycles * stepSeconds);
        List<ThresholdRule> withDraft = new ArrayList<>(rules.findByProject(projectId).stream().filter(r -> r.id() != draft.id()).toList());
        withDraft.add(draft);
        MonitoringLayout layout = layouts.read(projectId);
        CyclePlan plan = CyclePlan.of(layout, Baselines.read(jdbc, projectId), withDraft, null).onlyRule(draft.id());
        Trackers trackers = Trackers.inMemory();
        Replay replay = new Replay(trackers);
        FiberRollupHistory history = !readHistoryOnce || plan.effective().isEmpty() || cycles == 0 ? null : history(plan, from, stepSeconds, end);
        if (history != null) {
            // every cycle's reads are slices of the history read once: no InfluxDB round trip per cycle
            for (int k = 1; k <= cycles; k++) {
                Instant now = from.plusSeconds(k * stepSeconds);
                CycleReadings readings = evaluator.readings(plan, now, new StatementBatch());
                readings.collectFrom(history, plan.lookbackSeconds());
                replay.judge(plan, readings, now);
            }
        }
        int perTrip = Math.max(1, limits.cyclesPerRoundTrip());
        for (int chunk = 1; history == null && chunk <= cycles && !plan.effective().isEmpty(); chunk += perTrip) {
            // the aggregated reads of several cycles in one round trip; each cycle is then judged in time order
            StatementBatch shared = new StatementBatch();
            List<CycleReadings> chunkReadings = new ArrayList<>();
            int last = Math.min(cycles, chunk + perTrip - 1);
            for (int k = chunk; k <= last; k++) {
                chunkReadings.add(evaluator.readings(plan, from.plusSeconds(k * stepSeconds), shared));
            }
            shared.run(influx);
            for (int k = chunk; k <= last; k++) {
                Instant now = from.plusSeconds(k * stepSeconds);
                CycleReadings readings = chunkReadings.get(k - chunk);
                readings.collect(influx);
                replay.judge(plan, readings, now);
            }
        }
        List<BacktestDocument.Event> transitions = replay.transitions;
        List<BacktestDocument.Event> alerts = replay.alerts;
        int judgedParcels = replay.judgedParcels;
        return new BacktestDocument(projectId, draft.id() == 0 ? null : draft.id(), from, end, stepSeconds, cycles, judgedParcels, alerts,
                transitions, Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0);
    }

    /**
     * The fiber history of a backtest whose cycles read only per-trace rollups ({@link CycleReadings#slicesRollupsOnly}), read
     * once: from the first cycle's longest look-back (rule span or newest-sample lookback) through the last cycle. Null, and
     * the backtest reads cycle by cycle instead, for any other rule, and when the history holds more than
     * {@link #MAX_HISTORY_ROWS} rollup points (counted first, so the bound holds before anything large is read).
     */
    private FiberRollupHistory history(CyclePlan plan, Instant from, long stepSeconds, Instant end) {
        Instant first = from.plusSeconds(stepSeconds);
        CycleReadings probe = evaluator.readings(plan, first, new StatementBatch());
        if (!probe.slicesRollupsOnly(plan)) {
            return null;
        }
        long afterMs = first.toEpochMilli() - probe.fiber().longestSpanSeconds(plan.lookbackSeconds()) * 1000;
        long untilMs = end.toEpochMilli();
        List<InfluxSeries> counted = InfluxSeries.of(influx.query(probe.fiber().rollupCountStatement(afterMs, untilMs)), 0);
        Double points = counted.isEmpty() || counted.get(0).rows().isEmpty() ? Double.valueOf(0)
                : InfluxSeries.number(counted.get(0).rows().get(0), "count");
        if (points != null && points > MAX_HISTORY_ROWS) {
            return null;
        }
        FiberRollupHistory history = new FiberRollupHistory(InfluxSeries.of(influx.query(probe.fiber().rollupStatement(afterMs, untilMs)), 0));
        return history.rows() > MAX_HISTORY_ROWS ? null : history;
    }

    /** The in-memory trackers and what the replayed judgements did to them. */
    private final class Replay {

        private final Trackers trackers;
        private final List<BacktestDocument.Event> transitions = new ArrayList<>();
        private final List<BacktestDocument.Event> alerts = new ArrayList<>();
        private int judgedParcels;

        private Replay(Trackers trackers) {
            this.trackers = trackers;
        }

        /** One cycle: the evaluator's judging step over these readings, its trackers carried on in memory. */
        void judge(CyclePlan plan, CycleReadings readings, Instant now) {
            List<Evaluator.Judged> judged = evaluator.judge(plan, readings, now, trackers, new StatementBatch());
            judgedParcels = Math.max(judgedParcels, judged.size());
            for (Evaluator.Judged j : judged) {
                trackers.put(j.parcel().id(), j.rule().id(), j.result().state());
                BacktestDocument.Event e = event(j, now);
                if (e != null) {
                    transitions.add(e);
                    if (j.result().change() == LevelTracker.Change.RAISED || j.result().change() == LevelTracker.Change.ESCALATED) {
                        alerts.add(e);
                    }
                }
            }
        }
    }

    /** The transition a judgement made, null when none. */
    private static BacktestDocument.Event event(Evaluator.Judged j, Instant now) {
        LevelTracker.Change change = j.result().change();
        if (change == LevelTracker.Change.NONE) {
            return null;
        }
        return new BacktestDocument.Event(now, j.parcel().id(), j.parcel().code(), j.parcel().phaseId(), change.name().toLowerCase(Locale.ROOT),
                j.result().state().level(), j.before().level(), rounded(j.value().value()), Evaluator.threshold(j));
    }

    private static Double rounded(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }
}
