package com.goafwatch.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.goafwatch.alert.AlertLifecycle;
import com.goafwatch.alert.FlagChange;
import com.goafwatch.alert.SilentSensor;
import com.goafwatch.security.Actor;
import com.goafwatch.system.ClusterLock;
import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * Evaluates a project's parcels: plans from PostGIS (layout, effective rules, baselines), reads InfluxDB
 * ({@link CycleReadings}), runs each (parcel, rule) tracker, locates the evidence of the values that flag,
 * and applies the transitions, the trackers' progress and the flags in one transaction.
 *
 * <p>One cycle per project at a time across every instance on the database: a cycle holds the project's
 * advisory lock ({@link ClusterLock}) from reading the tracker states to committing the result, and reads
 * those states from PostgreSQL ({@link TrackerStates}), never from this instance's memory, so a cycle
 * always continues from the last committed one, wherever it ran. Scheduled and ingestion-triggered cycles
 * give way when another holder has the lock ({@link #evaluate} then reports {@code busy}); requested
 * cycles wait for it. A holder that dies mid-cycle loses the lock with its session, and its uncommitted
 * cycle with it.
 */
@Service
public class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

    private final LayoutReader layouts;
    private final RuleRepository rules;
    private final InfluxClient influx;
    private final JdbcClient jdbc;
    private final AlertLifecycle lifecycle;
    private final EvaluationProperties properties;
    private final TrackerStates states;
    private final FlagBoard board;
    private final ClusterLock lock;
    private final TransactionTemplate transaction;
    private final NoDataDeferral deferral;

    /** Triggers that give way to a cycle already running elsewhere: the running one serves them. */
    static final Set<String> YIELDING_TRIGGERS = Set.of("schedule", "ingest");

    Evaluator(LayoutReader layouts, RuleRepository rules, InfluxClient influx, JdbcClient jdbc, AlertLifecycle lifecycle,
            EvaluationProperties properties, TrackerStates states, FlagBoard board, ClusterLock lock,
            PlatformTransactionManager transactions, NoDataDeferral deferral) {
        this.layouts = layouts;
        this.rules = rules;
        this.influx = influx;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.states = states;
        this.board = board;
        this.lock = lock;
        this.transaction = new TransactionTemplate(transactions);
        this.deferral = deferral;
    }

    /** One (parcel, rule) judged in this cycle. */
    record Judged(MonitoringLayout.ParcelRef parcel, ThresholdRule rule, RuleValue value, LevelTracker.State before,
            LevelTracker.Result result, boolean first, boolean noDataDeferred) {

        /**
         * Stored: every change, and a rule's first evaluation (from "unknown" to whatever it found) — unless it still awaits
         * its first sample: it stays unknown, and its silence keeps counting from when monitoring began.
         */
        boolean stored() {
            return (first && !result.state().awaiting()) || result.change() != LevelTracker.Change.NONE;
        }
    }

    /**
     * @param parcels the parcels to evaluate, or null for all of the project's
     * @param now     the evaluation time: windows end here
     * @param trigger {@code schedule} and {@code ingest} give way to a cycle of the project running elsewhere
     *                (the report then says {@code busy} and nothing was evaluated); others wait for it, at most
     *                {@code goafwatch.evaluation.manual-wait}, then throw {@link EvaluationBusyException}
     */
    public CycleReport evaluate(long projectId, Set<Long> parcels, Instant now, String trigger) {
        if (YIELDING_TRIGGERS.contains(trigger)) {
            return lock.tryRun(ClusterLock.Scope.PROJECT_EVALUATION, projectId, () -> cycle(projectId, parcels, now, trigger))
                    .orElseGet(() -> busy(projectId, trigger, now));
        }
        return lock.runWithin(ClusterLock.Scope.PROJECT_EVALUATION, projectId, properties.manualWait(),
                () -> cycle(projectId, parcels, now, trigger)).orElseThrow(() -> new EvaluationBusyException(projectId, properties.manualWait()));
    }

    private CycleReport cycle(long projectId, Set<Long> parcels, Instant now, String trigger) {
        if ("schedule".equals(trigger) && scheduledRecently(projectId, now)) {
            return busy(projectId, trigger, now); // this round's cycle ran on another instance
        }
        long t0 = System.nanoTime();
        TrackerStates.Snapshot before = states.read(projectId);
        MonitoringLayout layout = layouts.read(projectId);
        CyclePlan plan = CyclePlan.of(layout, Baselines.read(jdbc, projectId), rules.findByProject(projectId), parcels);
        // the newest sample is searched further back than any rule's age by the deferral bound: one not found then was
        // overdue before any backlog that can still defer began (NoDataDeferral.Backlog#defers)
        CycleReadings readings = readings(plan, now, new StatementBatch(), plan.lookbackSeconds() + deferral.maxSeconds());
        try {
            readings.read(influx);
        } catch (RuntimeException e) {
            log.warn("evaluation of project {} skipped: InfluxDB unavailable ({})", projectId, e.getMessage());
            board.markUnavailable(projectId, plan.effective().keySet());
            return report(projectId, trigger, now, plan, 0, 0, e.getMessage(), t0, readings.trips(), null);
        }

        // read after InfluxDB: a batch drained meanwhile is in the readings, one still waiting defers
        NoDataDeferral.Backlog backlog = deferral.at(now);
        StatementBatch spatialTrip = new StatementBatch();
        List<Judged> judged = judge(plan, readings, now, before, spatialTrip, backlog);
        Map<Long, Map<Long, Flag>> flags = new LinkedHashMap<>();
        plan.effective().forEach((parcelId, effective) -> {
            Map<Long, Flag> byRule = flags.computeIfAbsent(parcelId, k -> new LinkedHashMap<>());
            effective.stream().filter(rule -> !CyclePlan.monitored(layout, rule, parcelId))
                    .forEach(rule -> byRule.put(rule.id(), Flag.of(rule, "not_monitored")));
        });

        StatementBatch evidenceTrip = new StatementBatch();
        Map<Observation, Evidence> located = locate(judged, evidenceTrip);
        List<FlagChange> changes = new ArrayList<>();
        for (Judged j : judged) {
            LevelTracker.State after = j.result().state();
            Observation basis = j.value().basis();
            Evidence evidence = basis == null ? null : located.getOrDefault(basis, basis.evidence());
            Double threshold = threshold(j);
            if (j.stored()) {
                changes.add(new FlagChange(projectId, j.parcel().phaseId(), j.parcel().id(), j.parcel().code(), j.rule(), j.result().change(),
                        after.level(), j.before().level(), after.noData(), j.before().noData() && !after.noData(), j.value().value(),
                        threshold, evidence, now, after.noData() || j.before().noData() ? sensors(layout, j, readings) : List.of()));
            }
            String status = after.noData() ? "no_data" : after.level() != null ? "flagged" : after.awaiting() ? "unknown" : "ok";
            Double value = j.value().value() == null ? null : Math.round(j.value().value() * 1000) / 1000.0;
            flags.get(j.parcel().id()).put(j.rule().id(), new Flag(j.rule().id(), j.rule().name(), j.rule().metric().dbValue(),
                    j.rule().statistic().dbValue(), j.rule().unit(), Flag.scope(j.rule()), status, after.level(), after.pendingLevel(), value,
                    threshold, evidence, now, null, "ok", unconfirmed(j, located), awaiting(layout, j),
                    j.noDataDeferred() ? backlog.note() : null));
        }
        // transitions, trackers and flags commit together: if PostGIS refuses any, none moves and the next cycle retries
        Actor.runAs("evaluation", () -> transaction.execute(tx -> {
            if (!changes.isEmpty()) {
                lifecycle.apply(changes);
            }
            judged.forEach(j -> states.savePending(projectId, j.parcel().id(), j.rule().id(), j.before(), j.result().state()));
            board.publish(projectId, flags);
            return null;
        }));
        List<StatementBatch> trips = new ArrayList<>(readings.trips());
        if (!spatialTrip.isEmpty()) {
            trips.add(spatialTrip);
        }
        if (!evidenceTrip.isEmpty()) {
            trips.add(evidenceTrip);
        }
        return report(projectId, trigger, now, plan, judged.size(), changes.size(), null, t0, trips,
                backlog == null ? null : backlog.withRules((int) judged.stream().filter(Judged::noDataDeferred).count()));
    }

    /** @param first the batch its aggregated statements join (shared by the cycles of a backtest) */
    CycleReadings readings(CyclePlan plan, Instant now, StatementBatch first) {
        return readings(plan, now, first, plan.lookbackSeconds());
    }

    private CycleReadings readings(CyclePlan plan, Instant now, StatementBatch first, long newestLookbackSeconds) {
        return new CycleReadings(plan, now, properties.traceBucket().toMillis(), properties.overdueFactor(), properties.confirmationSamples(),
                properties.rateTraces(), first, newestLookbackSeconds);
    }

    /**
     * The judging step of a cycle whose readings are in: every monitored (parcel, rule) of the plan through its
     * tracker, read from {@code trackers} and not written back. The scheduler's cycles and the backtest
     * ({@link RuleBacktest}, with trackers of its own) share it; neither locating evidence nor storing is done here.
     */
    List<Judged> judge(CyclePlan plan, CycleReadings readings, Instant now, Trackers trackers, StatementBatch spatialTrip) {
        return judge(plan, readings, now, trackers, spatialTrip, null);
    }

    /**
     * @param backlog accepted samples still waiting in a spool (null: none): a rule that became overdue after the backlog
     *                began does not newly become no data while it defers ({@link NoDataDeferral.Backlog#defers})
     */
    List<Judged> judge(CyclePlan plan, CycleReadings readings, Instant now, Trackers trackers, StatementBatch spatialTrip,
            NoDataDeferral.Backlog backlog) {
        CycleValues values = CycleValues.resolve(plan, readings, influx, now, properties, spatialTrip);
        List<Judged> judged = new ArrayList<>();
        plan.effective().forEach((parcelId, effective) -> {
            MonitoringLayout.ParcelRef parcel = plan.layout().parcels().get(parcelId);
            for (ThresholdRule rule : effective) {
                if (CyclePlan.monitored(plan.layout(), rule, parcelId)) {
                    judged.add(judge(plan.layout(), parcel, rule, values.value(parcelId, rule.id()), readings, now, trackers,
                            backlog));
                }
            }
        });
        return judged;
    }

    /** The threshold of the level reached, or of the lowest level when within limits. */
    static Double threshold(Judged j) {
        LevelTracker.State after = j.result().state();
        return after.level() != null ? j.rule().threshold(after.level()) : lowestThreshold(j.rule());
    }

    private static Judged judge(MonitoringLayout layout, MonitoringLayout.ParcelRef parcel, ThresholdRule configured, RuleValue value,
            CycleReadings readings, Instant now, Trackers trackers, NoDataDeferral.Backlog backlog) {
        ThresholdRule rule = configured.withNoDataAfterSeconds(CyclePlan.noDataAfterSeconds(layout, configured, parcel.id()));
        Instant newest = readings.newest(rule, parcel.id());
        LevelTracker.State before = trackers.get(parcel.id(), rule.id());
        boolean first = !trackers.known(parcel.id(), rule.id());
        boolean fresh = newest != null && Duration.between(newest, now).getSeconds() <= rule.noDataAfterSeconds();
        if (value.value() == null && fresh) {
            // nothing inside a window shorter than the no-data age, or nothing the statistic can use: not silence
            return new Judged(parcel, rule, value, before, LevelTracker.freshWithoutValue(before), first, false);
        }
        LevelTracker tracker = new LevelTracker(rule);
        Instant began = layout.monitoringBegan(rule, parcel.id());
        // per rule: only a backlog that began before this rule's data was due can hold the data it misses
        boolean deferNoData = backlog != null && backlog.defers(tracker.overdueAt(before, newest, began));
        LevelTracker.Result result = tracker.evaluate(before, value.value(), newest, now, began, deferNoData);
        // deferred: held, where judging without the backlog would have raised no data
        boolean deferred = deferNoData && result.change() == LevelTracker.Change.NONE
                && tracker.evaluate(before, value.value(), newest, now, began).change() == LevelTracker.Change.NO_DATA;
        return new Judged(parcel, rule, value, before, result, first, deferred);
    }

    /** For a rule still awaiting its first sample: since when it is monitored, and when silence becomes no data. */
    private static Flag.Awaiting awaiting(MonitoringLayout layout, Judged j) {
        if (!j.result().state().awaiting()) {
            return null;
        }
        Instant began = layout.monitoringBegan(j.rule(), j.parcel().id());
        return new Flag.Awaiting(began, began.plusSeconds(j.rule().noDataAfterSeconds()));
    }

    /** The cables (fiber rules) or markers (marker rules) the rule reads on the parcel: a no-data alert is theirs. */
    private static List<SilentSensor> sensors(MonitoringLayout layout, Judged j, CycleReadings readings) {
        long parcelId = j.parcel().id();
        Instant newest = readings.newest(j.rule(), parcelId);
        if (j.rule().metric().fiber()) {
            return layout.cablesByParcel().getOrDefault(parcelId, List.of()).stream().map(s -> layout.cables().get(s.cableId()))
                    .filter(java.util.Objects::nonNull).distinct().map(c -> new SilentSensor("cable", c.id(), c.code(), newest)).toList();
        }
        return layout.markersByParcel().getOrDefault(parcelId, List.of()).stream()
                .map(m -> new SilentSensor("marker", m.id(), m.code(), newest)).toList();
    }

    private static Flag.Unconfirmed unconfirmed(Judged j, Map<Observation, Evidence> located) {
        Observation o = j.value().unconfirmed();
        if (o == null) {
            return null;
        }
        int rank = TraceConfirmation.rank(j.rule(), o.value());
        return new Flag.Unconfirmed(rank < 0 ? null : Level.values()[rank], Math.round(o.value() * 1000) / 1000.0,
                located.getOrDefault(o, o.evidence()), j.value().reason());
    }

    /** Chainage and coordinates, only for the values that flag or are about to, and for unconfirmed excesses. */
    private Map<Observation, Evidence> locate(List<Judged> judged, StatementBatch trip) {
        List<Observation> wanted = judged.stream()
                .filter(j -> j.result().state().level() != null || j.result().state().pendingLevel() != null)
                .map(j -> j.value().basis())
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        judged.stream().map(j -> j.value().unconfirmed()).filter(java.util.Objects::nonNull).forEach(wanted::add);
        wanted = wanted.stream()
                .filter(o -> o != null && (o.locate() != null || (o.evidence().chainageM() != null && o.evidence().lon() == null
                        && o.evidence().cableId() != null)))
                .distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        try {
            return EvidenceLocator.locate(influx, jdbc, wanted, trip);
        } catch (RuntimeException e) {
            // the flag stands without coordinates rather than not at all
            log.warn("could not locate evidence: {}", e.getMessage());
            return Map.of();
        }
    }

    /** Current flags of a parcel (empty when it was never evaluated). */
    public Map<Long, Flag> flags(long projectId, long parcelId) {
        return board.flags(projectId, parcelId);
    }

    public CycleReport lastReport(long projectId) {
        return board.lastReport(projectId);
    }

    List<List<String>> lastStatements(long projectId) {
        return board.lastStatements(projectId);
    }

    /**
     * Several instances' schedules come round at different moments; the first one in half an interval
     * evaluates, the others skip, so each period has one cycle (the tracker's pending counts are cycles).
     */
    private boolean scheduledRecently(long projectId, Instant now) {
        Instant last = board.lastScheduled(projectId);
        return last != null && !properties.interval().isZero() && !properties.interval().isNegative() && last.isAfter(now.minus(properties.interval().dividedBy(2)));
    }

    /** Nothing evaluated: another holder runs (or just ran) this round's cycle; not stored, its report stands. */
    private static CycleReport busy(long projectId, String trigger, Instant now) {
        return new CycleReport(projectId, trigger, now, 0, 0, 0, "busy", "another instance evaluates this project", 0, 0, 0, 0, null);
    }

    private CycleReport report(long projectId, String trigger, Instant now, CyclePlan plan, int ruleEvaluations, int transitions,
            String error, long t0, List<StatementBatch> trips, NoDataDeferral.Backlog backlog) {
        long influxNanos = trips.stream().mapToLong(StatementBatch::nanos).sum();
        int statements = trips.stream().mapToInt(t -> t.statements().size()).sum();
        CycleReport r = new CycleReport(projectId, trigger, now, plan.effective().size(), ruleEvaluations, transitions,
                error == null ? "ok" : "unavailable", error, ms(System.nanoTime() - t0), ms(influxNanos), statements, trips.size(), backlog);
        return board.report(r, trips.stream().map(StatementBatch::statements).toList());
    }

    private static Double lowestThreshold(ThresholdRule rule) {
        for (Level l : Level.values()) {
            if (rule.threshold(l) != null) {
                return rule.threshold(l);
            }
        }
        return null;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
