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

import com.goafwatch.alert.AlertLifecycle;
import com.goafwatch.alert.FlagChange;
import com.goafwatch.alert.SilentSensor;
import com.goafwatch.security.Actor;
import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * Evaluates a project's parcels: plans from PostGIS (layout, effective rules, baselines), reads InfluxDB
 * ({@link CycleReadings}), runs each (parcel, rule) tracker, locates the evidence of the values that flag,
 * applies the transitions in one transaction, then publishes the flags. Cycles run one at a time:
 * tracker state is shared.
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

    Evaluator(LayoutReader layouts, RuleRepository rules, InfluxClient influx, JdbcClient jdbc, AlertLifecycle lifecycle,
            EvaluationProperties properties, TrackerStates states, FlagBoard board) {
        this.layouts = layouts;
        this.rules = rules;
        this.influx = influx;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.states = states;
        this.board = board;
    }

    /** One (parcel, rule) judged in this cycle. */
    private record Judged(MonitoringLayout.ParcelRef parcel, ThresholdRule rule, RuleValue value, LevelTracker.State before,
            LevelTracker.Result result, boolean first) {

        /** Stored: every change, and a rule's first evaluation (from "unknown" to whatever it found). */
        boolean stored() {
            return first || result.change() != LevelTracker.Change.NONE;
        }
    }

    /**
     * @param parcels the parcels to evaluate, or null for all of the project's
     * @param now     the evaluation time: windows end here
     */
    public synchronized CycleReport evaluate(long projectId, Set<Long> parcels, Instant now, String trigger) {
        long t0 = System.nanoTime();
        MonitoringLayout layout = layouts.read(projectId);
        CyclePlan plan = CyclePlan.of(layout, Baselines.read(jdbc, projectId), rules.findByProject(projectId), parcels);
        CycleReadings readings = new CycleReadings(plan, now, properties.traceBucket().toMillis(), properties.overdueFactor(),
                properties.confirmationSamples(), properties.rateTraces());
        try {
            readings.read(influx);
        } catch (RuntimeException e) {
            log.warn("evaluation of project {} skipped: InfluxDB unavailable ({})", projectId, e.getMessage());
            board.markUnavailable(projectId, plan.effective().keySet());
            return report(projectId, trigger, now, plan, 0, 0, e.getMessage(), t0, readings.trips());
        }

        StatementBatch spatialTrip = new StatementBatch();
        CycleValues values = CycleValues.resolve(plan, readings, influx, now, properties, spatialTrip);
        Map<Long, Map<Long, Flag>> flags = new LinkedHashMap<>();
        List<Judged> judged = new ArrayList<>();
        plan.effective().forEach((parcelId, effective) -> {
            MonitoringLayout.ParcelRef parcel = layout.parcels().get(parcelId);
            Map<Long, Flag> byRule = flags.computeIfAbsent(parcelId, k -> new LinkedHashMap<>());
            for (ThresholdRule rule : effective) {
                if (!CyclePlan.monitored(layout, rule, parcelId)) {
                    byRule.put(rule.id(), Flag.of(rule, "not_monitored"));
                } else {
                    judged.add(judge(projectId, layout, parcel, rule, values.value(parcelId, rule.id()), readings, now));
                }
            }
        });

        StatementBatch evidenceTrip = new StatementBatch();
        Map<Observation, Evidence> located = locate(judged, evidenceTrip);
        List<FlagChange> changes = new ArrayList<>();
        for (Judged j : judged) {
            LevelTracker.State after = j.result().state();
            Observation basis = j.value().basis();
            Evidence evidence = basis == null ? null : located.getOrDefault(basis, basis.evidence());
            Double threshold = after.level() != null ? j.rule().threshold(after.level()) : lowestThreshold(j.rule());
            if (j.stored()) {
                changes.add(new FlagChange(projectId, j.parcel().phaseId(), j.parcel().id(), j.parcel().code(), j.rule(), j.result().change(),
                        after.level(), j.before().level(), after.noData(), j.before().noData() && !after.noData(), j.value().value(),
                        threshold, evidence, now, after.noData() || j.before().noData() ? sensors(layout, j, readings) : List.of()));
            }
            String status = after.noData() ? "no_data" : after.level() != null ? "flagged" : "ok";
            Double value = j.value().value() == null ? null : Math.round(j.value().value() * 1000) / 1000.0;
            flags.get(j.parcel().id()).put(j.rule().id(), new Flag(j.rule().id(), j.rule().name(), j.rule().metric().dbValue(),
                    j.rule().statistic().dbValue(), j.rule().unit(), Flag.scope(j.rule()), status, after.level(), after.pendingLevel(), value,
                    threshold, evidence, now, null, "ok", unconfirmed(j, located)));
        }
        if (!changes.isEmpty()) {
            // transitions first: if PostGIS refuses them, neither trackers nor flags move, and the next cycle retries
            Actor.runAs("evaluation", () -> {
                lifecycle.apply(changes);
                return null;
            });
        }
        judged.forEach(j -> states.put(projectId, j.parcel().id(), j.rule().id(), j.result().state()));
        board.publish(projectId, flags);
        List<StatementBatch> trips = new ArrayList<>(readings.trips());
        if (!spatialTrip.isEmpty()) {
            trips.add(spatialTrip);
        }
        if (!evidenceTrip.isEmpty()) {
            trips.add(evidenceTrip);
        }
        return report(projectId, trigger, now, plan, judged.size(), changes.size(), null, t0, trips);
    }

    private Judged judge(long projectId, MonitoringLayout layout, MonitoringLayout.ParcelRef parcel, ThresholdRule configured,
            RuleValue value, CycleReadings readings, Instant now) {
        ThresholdRule rule = configured.withNoDataAfterSeconds(CyclePlan.noDataAfterSeconds(layout, configured, parcel.id()));
        Instant newest = readings.newest(rule, parcel.id());
        LevelTracker.State before = states.get(projectId, parcel.id(), rule.id());
        boolean first = !states.known(projectId, parcel.id(), rule.id());
        boolean fresh = newest != null && Duration.between(newest, now).getSeconds() <= rule.noDataAfterSeconds();
        if (value.value() == null && fresh) {
            // nothing inside a window shorter than the no-data age: keep the state, it is not silence yet
            return new Judged(parcel, rule, value, before, new LevelTracker.Result(before, LevelTracker.Change.NONE), first);
        }
        return new Judged(parcel, rule, value, before, new LevelTracker(rule).evaluate(before, value.value(), newest, now), first);
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

    private CycleReport report(long projectId, String trigger, Instant now, CyclePlan plan, int ruleEvaluations, int transitions,
            String error, long t0, List<StatementBatch> trips) {
        long influxNanos = trips.stream().mapToLong(StatementBatch::nanos).sum();
        int statements = trips.stream().mapToInt(t -> t.statements().size()).sum();
        CycleReport r = new CycleReport(projectId, trigger, now, plan.effective().size(), ruleEvaluations, transitions,
                error == null ? "ok" : "unavailable", error, ms(System.nanoTime() - t0), ms(influxNanos), statements, trips.size());
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
