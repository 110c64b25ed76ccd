package com.goafwatch.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.goafwatch.threshold.EffectiveRules;
import com.goafwatch.threshold.ReadingCadence;
import com.goafwatch.threshold.ThresholdRule;

/**
 * What one cycle evaluates: per parcel its effective rules, and the distinct fiber and marker rules that
 * need data (only those measured on at least one of the parcels).
 *
 * @param subset          the parcels asked for, or null for the whole project (then no parcel filter)
 * @param lookbackSeconds how far back "newest sample" is searched: the longest window or no-data age
 */
record CyclePlan(MonitoringLayout layout, Baselines baselines, Map<Long, List<ThresholdRule>> effective, Set<Long> subset,
        Map<Long, ThresholdRule> fiberRules, Map<Long, ThresholdRule> markerRules, long lookbackSeconds) {

    static CyclePlan of(MonitoringLayout layout, Baselines baselines, List<ThresholdRule> projectRules, Set<Long> parcels) {
        Map<Long, List<ThresholdRule>> effective = new LinkedHashMap<>();
        for (MonitoringLayout.ParcelRef p : layout.parcels().values()) {
            if (parcels == null || parcels.contains(p.id())) {
                effective.put(p.id(), EffectiveRules.of(projectRules.stream().filter(r -> appliesTo(r, p)).toList()));
            }
        }
        return planned(layout, baselines, effective, parcels == null ? null : effective.keySet());
    }

    /**
     * The plan narrowed to one rule: the parcels where it is in force (a more specific rule of the same metric
     * and statistic keeps it off others), with nothing else. The parcel filter of the queries stays as it was.
     */
    CyclePlan onlyRule(long ruleId) {
        Map<Long, List<ThresholdRule>> kept = new LinkedHashMap<>();
        effective.forEach((parcel, rules) -> rules.stream().filter(r -> r.id() == ruleId).findFirst()
                .ifPresent(r -> kept.put(parcel, List.of(r))));
        return planned(layout, baselines, kept, subset);
    }

    private static CyclePlan planned(MonitoringLayout layout, Baselines baselines, Map<Long, List<ThresholdRule>> effective,
            Set<Long> subset) {
        Map<Long, ThresholdRule> fiberRules = new LinkedHashMap<>();
        Map<Long, ThresholdRule> markerRules = new LinkedHashMap<>();
        long lookback = 1;
        for (Map.Entry<Long, List<ThresholdRule>> e : effective.entrySet()) {
            for (ThresholdRule r : e.getValue()) {
                if (monitored(layout, r, e.getKey())) {
                    (r.metric().fiber() ? fiberRules : markerRules).put(r.id(), r);
                }
                lookback = Math.max(lookback, Math.max(noDataAfterSeconds(layout, r, e.getKey()), r.windowSeconds()));
            }
        }
        return new CyclePlan(layout, baselines, effective, subset, fiberRules, markerRules, lookback);
    }

    /**
     * The rule's no-data age on a parcel: its own, or {@link ReadingCadence#NO_DATA_FACTOR} × the longest
     * expected interval of the sensors it reads there (the type default when none does yet).
     */
    static long noDataAfterSeconds(MonitoringLayout layout, ThresholdRule rule, long parcelId) {
        if (rule.noDataAfterSeconds() != null) {
            return rule.noDataAfterSeconds();
        }
        long interval = rule.metric().fiber() ? layout.fiberIntervalSeconds(parcelId) : layout.markerIntervalSeconds(parcelId);
        return ReadingCadence.noDataAfterSeconds(interval > 0 ? interval
                : ReadingCadence.typeDefaultSeconds(rule.metric().fiber() ? "fiber" : "settlement-marker"));
    }

    /** Something of the rule's kind (a cable for fiber metrics, a settlement marker otherwise) measures the parcel. */
    static boolean monitored(MonitoringLayout layout, ThresholdRule rule, long parcelId) {
        return rule.metric().fiber() ? layout.fiberMonitored(parcelId) : layout.markerMonitored(parcelId);
    }

    private static boolean appliesTo(ThresholdRule r, MonitoringLayout.ParcelRef p) {
        return r.parcelId() != null ? r.parcelId() == p.id() : r.phaseId() == null || r.phaseId() == p.phaseId();
    }
}
