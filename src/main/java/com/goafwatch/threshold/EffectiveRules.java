package com.goafwatch.threshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that apply to a parcel: for each metric and statistic, the most specific enabled rule — the
 * parcel's own over its phase's over the project's. A more specific rule also overrides a broader one that is
 * disabled there: disabling a rule at parcel level switches the project's rule off for that parcel.
 */
public final class EffectiveRules {

    private EffectiveRules() {
    }

    public static List<ThresholdRule> of(List<ThresholdRule> candidates) {
        Map<String, ThresholdRule> chosen = new LinkedHashMap<>();
        candidates.stream().sorted(Comparator.comparingInt(ThresholdRule::specificity).reversed().thenComparingLong(ThresholdRule::id))
                .forEach(r -> chosen.putIfAbsent(r.metric().dbValue() + "/" + r.statistic().dbValue(), r));
        List<ThresholdRule> result = new ArrayList<>();
        chosen.values().stream().filter(ThresholdRule::enabled).sorted(Comparator.comparingLong(ThresholdRule::id)).forEach(result::add);
        return result;
    }
}
