package com.goafwatch.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.system.ApiException;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * Replays the evaluator over stored history for a draft rule: the scheduler's cycles at its interval over the
 * last days, each reading InfluxDB as of its time and judged by {@link Evaluator#judge} with trackers held here
 * in memory. Nothing is written: no rule state, flag, alert, notification or audit entry. The baselines are
 * those recorded today.
 */
@Service
class RuleBacktest {

    private final Evaluator evaluator;
    private final LayoutReader layouts;
    private final RuleRepository rules;
    private final JdbcClient jdbc;
    private final InfluxClient influx;
    private final EvaluationProperties evaluation;
    private final BacktestProperties limits;

    RuleBacktest(Evaluator evaluator, LayoutReader layouts, RuleRepository rules, JdbcClient jdbc, InfluxClient influx,
            EvaluationProperties evaluation, BacktestProperties limits) {
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
        int perTrip = Math.max(1, limits.cyclesPerRoundTrip());
        List<BacktestDocument.Event> transitions = new ArrayList<>();
        List<BacktestDocument.Event> alerts = new ArrayList<>();
        int judgedParcels = 0;
        for (int chunk = 1; chunk <= cycles && !plan.effective().isEmpty(); chunk += perTrip) {
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
        return new BacktestDocument(projectId, draft.id() == 0 ? null : draft.id(), from, end, stepSeconds, cycles, judgedParcels, alerts,
                transitions, Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0);
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
