package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * Every monitored (parcel, rule) value of one cycle, with lone-trace excesses settled: those that reach a
 * level and rest on one trace get their spatial test (one extra round trip for all of them), then
 * {@link TraceConfirmation} decides what stands.
 */
final class CycleValues {

    private static final Logger log = LoggerFactory.getLogger(CycleValues.class);

    private final Map<String, RuleValue> values = new HashMap<>();

    private CycleValues() {
    }

    static CycleValues resolve(CyclePlan plan, CycleReadings readings, InfluxClient influx, Instant now, EvaluationProperties properties,
            StatementBatch spatialTrip) {
        CycleValues result = new CycleValues();
        Map<String, RuleValue> pending = new LinkedHashMap<>();
        List<SpatialConfirmer.Wanted> wanted = new ArrayList<>();
        Map<String, SpatialConfirmer.Wanted> wantedByKey = new HashMap<>();
        plan.effective().forEach((parcelId, rules) -> {
            for (ThresholdRule rule : rules) {
                if (!CyclePlan.monitored(plan.layout(), rule, parcelId)) {
                    continue;
                }
                RuleValue v = readings.value(rule, parcelId);
                String key = key(parcelId, rule.id());
                if (!v.awaitsDecision()) {
                    result.values.put(key, v);
                    continue;
                }
                pending.put(key, v);
                Observation top = v.top();
                if (v.sustained() == null && top.locate() != null && TraceConfirmation.reachesALevel(rule, top.value())) {
                    SpatialConfirmer.Wanted w = new SpatialConfirmer.Wanted(rule, top);
                    wanted.add(w);
                    wantedByKey.put(key, w);
                }
            }
        });
        Map<SpatialConfirmer.Wanted, Double> held = Map.of();
        if (!wanted.isEmpty()) {
            try {
                held = SpatialConfirmer.sustained(influx, plan.layout(), wanted, properties.confirmationSamples(), spatialTrip);
            } catch (RuntimeException e) {
                // without the spatial test a lone trace waits for its second trace (or is raised once that is overdue)
                log.warn("spatial confirmation skipped: {}", e.getMessage());
            }
        }
        for (Map.Entry<String, RuleValue> e : pending.entrySet()) {
            RuleValue v = e.getValue();
            SpatialConfirmer.Wanted w = wantedByKey.get(e.getKey());
            Double sustained = v.sustained() != null ? v.sustained() : w == null ? null : held.get(w);
            ThresholdRule rule = ruleOf(plan, e.getKey());
            result.values.put(e.getKey(), RuleValue.decided(TraceConfirmation.decide(rule, v.perTrace(), sustained,
                    properties.confirmationSamples(), now, v.intervalSeconds(), properties.overdueFactor(),
                    repeatability(plan, rule, v.top(), properties))));
        }
        return result;
    }

    /** The repeatability in the rule's unit: fiber strain only, as ground strain (÷ the top trace's cable coupling). */
    private static double repeatability(CyclePlan plan, ThresholdRule rule, Observation top, EvaluationProperties properties) {
        if (rule.metric() != com.goafwatch.threshold.Metric.FIBER_STRAIN || top == null || top.evidence().cableId() == null) {
            return 0;
        }
        MonitoringLayout.CableRef cable = plan.layout().cables().get(top.evidence().cableId());
        return cable == null || cable.coupling() <= 0 ? 0 : properties.repeatabilityUe() / cable.coupling();
    }

    RuleValue value(long parcelId, long ruleId) {
        return values.getOrDefault(key(parcelId, ruleId), RuleValue.NONE);
    }

    private static ThresholdRule ruleOf(CyclePlan plan, String key) {
        String[] parts = key.split("/");
        long parcelId = Long.parseLong(parts[0]);
        long ruleId = Long.parseLong(parts[1]);
        return plan.effective().get(parcelId).stream().filter(r -> r.id() == ruleId).findFirst().orElseThrow();
    }

    private static String key(long parcelId, long ruleId) {
        return parcelId + "/" + ruleId;
    }
}
