package com.goafwatch.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.alert.AlertLifecycle;
import com.goafwatch.alert.FlagChange;
import com.goafwatch.security.Actor;
import com.goafwatch.threshold.EffectiveRules;
import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * Evaluates a project's parcels: reads the layout and rules from PostGIS, the data from InfluxDB (one
 * round trip of aggregated statements, a second only to locate the values that flag), runs each
 * (parcel, rule) tracker and applies the transitions. Cycles run one at a time: tracker state is shared.
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
    private final Map<Long, Map<Long, Map<Long, Flag>>> board = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, LevelTracker.State>> states = new HashMap<>();
    private final Set<Long> statesLoaded = ConcurrentHashMap.newKeySet();
    private final Map<Long, CycleReport> lastReports = new ConcurrentHashMap<>();
    /** The statements of each project's last cycle, per round trip: the benchmark replays them bare. */
    private final Map<Long, List<List<String>>> lastStatements = new ConcurrentHashMap<>();

    Evaluator(LayoutReader layouts, RuleRepository rules, InfluxClient influx, JdbcClient jdbc, AlertLifecycle lifecycle,
            EvaluationProperties properties) {
        this.layouts = layouts;
        this.rules = rules;
        this.influx = influx;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    /**
     * @param parcels the parcels to evaluate, or null for all of the project's
     * @param now     the evaluation time: windows end here
     */
    public synchronized CycleReport evaluate(long projectId, Set<Long> parcels, Instant now, String trigger) {
        long t0 = System.nanoTime();
        loadStates(projectId);
        MonitoringLayout layout = layouts.read(projectId);
        List<ThresholdRule> projectRules = rules.findByProject(projectId);
        Baselines baselines = Baselines.read(jdbc, projectId);
        Map<Long, List<ThresholdRule>> effective = new LinkedHashMap<>();
        for (MonitoringLayout.ParcelRef p : layout.parcels().values()) {
            if (parcels == null || parcels.contains(p.id())) {
                effective.put(p.id(), EffectiveRules.of(projectRules.stream().filter(r -> appliesTo(r, p)).toList()));
            }
        }
        Map<Long, ThresholdRule> fiberRules = new LinkedHashMap<>();
        Map<Long, ThresholdRule> markerRules = new LinkedHashMap<>();
        long lookback = 1;
        for (Map.Entry<Long, List<ThresholdRule>> e : effective.entrySet()) {
            for (ThresholdRule r : e.getValue()) {
                if (r.metric().fiber() && layout.fiberMonitored(e.getKey())) {
                    fiberRules.put(r.id(), r);
                } else if (!r.metric().fiber() && layout.markerMonitored(e.getKey())) {
                    markerRules.put(r.id(), r);
                }
                lookback = Math.max(lookback, Math.max(r.noDataAfterSeconds(), r.windowSeconds()));
            }
        }
        Set<Long> subset = parcels == null ? null : effective.keySet();
        StatementBatch batch = new StatementBatch();
        FiberReadings fiber = new FiberReadings(batch, layout, baselines, fiberRules.values(), subset, now,
                properties.traceBucket().toMillis(), lookback);
        MarkerReadings markers = new MarkerReadings(batch, layout, baselines, markerRules.values(), subset, now,
                properties.traceBucket().toMillis(), lookback);
        int statements = batch.statements().size();
        try {
            batch.run(influx);
        } catch (RuntimeException e) {
            log.warn("evaluation of project {} skipped: InfluxDB unavailable ({})", projectId, e.getMessage());
            markUnavailable(projectId, effective.keySet());
            return report(new CycleReport(projectId, trigger, now, effective.size(), 0, 0, "unavailable", e.getMessage(), ms(System.nanoTime() - t0),
                    ms(batch.nanos()), statements, 1));
        }
        fiber.collect(batch);
        markers.collect(batch);
        StatementBatch rates = new StatementBatch();
        if (fiber.planRates(rates)) {
            try {
                rates.run(influx);
            } catch (RuntimeException e) {
                markUnavailable(projectId, effective.keySet());
                return report(new CycleReport(projectId, trigger, now, effective.size(), 0, 0, "unavailable", e.getMessage(),
                        ms(System.nanoTime() - t0), ms(batch.nanos() + rates.nanos()), statements, 2));
            }
            fiber.collectRates(rates);
        }

        record Pending(MonitoringLayout.ParcelRef parcel, ThresholdRule rule, RuleValue value, LevelTracker.State before,
                LevelTracker.Result result, Instant newest) {
        }
        List<Pending> evaluated = new ArrayList<>();
        Map<Long, Map<Long, Flag>> projectBoard = board.computeIfAbsent(projectId, k -> new ConcurrentHashMap<>());
        int ruleEvaluations = 0;
        for (Map.Entry<Long, List<ThresholdRule>> e : effective.entrySet()) {
            MonitoringLayout.ParcelRef parcel = layout.parcels().get(e.getKey());
            Map<Long, Flag> flags = new LinkedHashMap<>();
            for (ThresholdRule rule : e.getValue()) {
                boolean monitored = rule.metric().fiber() ? layout.fiberMonitored(parcel.id()) : layout.markerMonitored(parcel.id());
                if (!monitored) {
                    flags.put(rule.id(), flag(rule, "not_monitored", null, null, null, null, now, null));
                    continue;
                }
                ruleEvaluations++;
                RuleValue value = rule.metric().fiber() ? fiber.value(rule, parcel.id()) : markers.value(rule, parcel.id());
                Instant newest = rule.metric().fiber() ? fiber.newest(parcel.id()) : markers.newest(parcel.id());
                LevelTracker.State before = projectStates(projectId).getOrDefault(key(parcel.id(), rule.id()), LevelTracker.State.OK);
                LevelTracker.Result result;
                boolean fresh = newest != null && Duration.between(newest, now).getSeconds() <= rule.noDataAfterSeconds();
                if (value.value() == null && fresh) {
                    // nothing inside a window shorter than the no-data age: keep the state, it is not silence yet
                    result = new LevelTracker.Result(before, LevelTracker.Change.NONE);
                } else {
                    result = new LevelTracker(rule).evaluate(before, value.value(), newest, now);
                }
                evaluated.add(new Pending(parcel, rule, value, before, result, newest));
            }
            projectBoard.put(parcel.id(), flags);
        }

        // locate (chainage, coordinates) only the values that flag or are about to
        List<Observation> toLocate = evaluated.stream()
                .filter(p -> p.result().state().level() != null || p.result().state().pendingLevel() != null)
                .map(p -> p.value().basis())
                .filter(o -> o != null && (o.locate() != null || (o.evidence().chainageM() != null && o.evidence().lon() == null
                        && o.evidence().cableId() != null)))
                .distinct().toList();
        Map<Observation, Evidence> located = Map.of();
        StatementBatch second = new StatementBatch();
        if (!toLocate.isEmpty()) {
            try {
                located = EvidenceLocator.locate(influx, jdbc, toLocate, second);
            } catch (RuntimeException ex) {
                log.warn("could not locate evidence: {}", ex.getMessage());
            }
        }
        List<FlagChange> changes = new ArrayList<>();
        for (Pending p : evaluated) {
            LevelTracker.State after = p.result().state();
            Observation basis = p.value().basis();
            Evidence evidence = basis == null ? null : located.getOrDefault(basis, basis.evidence());
            Level shown = after.level();
            Double threshold = shown != null ? p.rule().threshold(shown) : lowestThreshold(p.rule());
            if (p.result().change() != LevelTracker.Change.NONE) {
                changes.add(new FlagChange(projectId, p.parcel().phaseId(), p.parcel().id(), p.parcel().code(), p.rule(), p.result().change(),
                        after.level(), p.before().level(), after.noData(), p.before().noData() && !after.noData(), p.value().value(),
                        threshold, evidence, now));
            }
            String status = after.noData() ? "no_data" : after.level() != null ? "flagged" : "ok";
            projectBoard.get(p.parcel().id()).put(p.rule().id(), flag(p.rule(), status, after.level(), after.pendingLevel(), p.value().value(),
                    threshold, now, evidence));
        }
        if (!changes.isEmpty()) {
            Actor.runAs("evaluation", () -> {
                lifecycle.apply(changes);
                return null;
            });
        }
        List<List<String>> trips = new ArrayList<>(List.of(batch.statements()));
        if (!rates.isEmpty()) {
            trips.add(rates.statements());
        }
        if (!second.isEmpty()) {
            trips.add(second.statements());
        }
        lastStatements.put(projectId, List.copyOf(trips));
        for (Pending p : evaluated) {
            projectStates(projectId).put(key(p.parcel().id(), p.rule().id()), p.result().state());
        }
        return report(new CycleReport(projectId, trigger, now, effective.size(), ruleEvaluations, changes.size(), "ok", null,
                ms(System.nanoTime() - t0), ms(batch.nanos() + rates.nanos() + second.nanos()),
                statements + rates.statements().size() + second.statements().size(), trips.size()));
    }

    /** Current flags of a parcel (empty when it was never evaluated). */
    public Map<Long, Flag> flags(long projectId, long parcelId) {
        return board.getOrDefault(projectId, Map.of()).getOrDefault(parcelId, Map.of());
    }

    List<List<String>> lastStatements(long projectId) {
        return lastStatements.getOrDefault(projectId, List.of());
    }

    public CycleReport lastReport(long projectId) {
        return lastReports.get(projectId);
    }

    private CycleReport report(CycleReport r) {
        lastReports.put(r.projectId(), r);
        return r;
    }

    private void markUnavailable(long projectId, Set<Long> parcels) {
        Map<Long, Map<Long, Flag>> projectBoard = board.computeIfAbsent(projectId, k -> new ConcurrentHashMap<>());
        for (Long parcel : parcels) {
            Map<Long, Flag> flags = projectBoard.get(parcel);
            if (flags != null) {
                flags.replaceAll((rule, f) -> new Flag(f.ruleId(), f.rule(), f.metric(), f.statistic(), f.unit(), f.scope(), f.status(),
                        f.level(), f.pending(), f.value(), f.threshold(), f.evidence(), f.evaluatedAt(), f.since(), "unavailable"));
            }
        }
    }

    /** Restores levels after a restart, so an alert that is already open is not raised again. */
    private void loadStates(long projectId) {
        if (statesLoaded.add(projectId)) {
            jdbc.sql("SELECT parcel_id, rule_id, level, no_data FROM rule_state WHERE project_id = ?").param(projectId).query(rs -> {
                String level = rs.getString(3);
                projectStates(projectId).put(key(rs.getLong(1), rs.getLong(2)), new LevelTracker.State(
                        level == null ? null : Level.valueOf(level.toUpperCase(Locale.ROOT)), rs.getBoolean(4), null, 0, null));
            });
        }
    }

    private Map<String, LevelTracker.State> projectStates(long projectId) {
        return states.computeIfAbsent(projectId, k -> new HashMap<>());
    }

    private Flag flag(ThresholdRule rule, String status, Level level, Level pending, Double value, Double threshold, Instant now,
            Evidence evidence) {
        String scope = rule.parcelId() != null ? "parcel" : rule.phaseId() != null ? "phase" : "project";
        return new Flag(rule.id(), rule.name(), rule.metric().dbValue(), rule.statistic().dbValue(), rule.unit(), scope, status, level,
                pending, value == null ? null : Math.round(value * 1000) / 1000.0, threshold, evidence, now, null, "ok");
    }

    private static Double lowestThreshold(ThresholdRule rule) {
        for (Level l : Level.values()) {
            if (rule.threshold(l) != null) {
                return rule.threshold(l);
            }
        }
        return null;
    }

    private static boolean appliesTo(ThresholdRule r, MonitoringLayout.ParcelRef p) {
        return r.parcelId() != null ? r.parcelId() == p.id() : r.phaseId() == null || r.phaseId() == p.phaseId();
    }

    private static String key(long parcel, long rule) {
        return parcel + "/" + rule;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
