package com.goafwatch.acceptance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grout-take attenuation between hole orders, a standard grouting QA check: later orders fill what the first left, so
 * they should take less. Attenuation of order n = 1 − (mean take per hole of order n) ÷ (mean take of order 1); each
 * order with a limit must reach it. A parcel grouted in one order, or without orders recorded, has nothing to compare:
 * the criterion is then met and says so (the grout-take criterion still requires grouting on record).
 */
final class GroutAttenuation {

    private GroutAttenuation() {
    }

    static CriterionResult judge(Map<Integer, Double> meanTakeByOrderM3, AcceptanceCriteria c) {
        Double first = meanTakeByOrderM3.get(1);
        List<String> parts = new ArrayList<>();
        List<String> neutral = new ArrayList<>(); // "order: value / min", the same in every language
        Double worstValue = null;
        Double worstLimit = null;
        double worstMargin = Double.POSITIVE_INFINITY;
        boolean fails = false;
        for (int order = 2; order <= 3; order++) {
            Double take = meanTakeByOrderM3.get(order);
            Double limit = order == 2 ? c.minGroutAttenuationOrder2() : c.minGroutAttenuationOrder3();
            if (first == null || first <= 0 || take == null || limit == null) {
                continue;
            }
            double attenuation = 1 - take / first;
            parts.add(String.format(Locale.ROOT, "order %d: %.2f (min %.2f)", order, attenuation, limit));
            neutral.add(String.format(Locale.ROOT, "%d: %.2f / %.2f", order, attenuation, limit));
            fails |= attenuation < limit;
            if (attenuation - limit < worstMargin) {
                worstMargin = attenuation - limit;
                worstValue = Math.round(attenuation * 1000) / 1000.0;
                worstLimit = limit;
            }
        }
        if (parts.isEmpty()) {
            return new CriterionResult("grout_attenuation", Verdict.MEETS, null, c.minGroutAttenuationOrder2(), "",
                    "grouted in one order, or hole orders not recorded: no attenuation to compare", "attenuation.none", List.of());
        }
        return new CriterionResult("grout_attenuation", fails ? Verdict.DOES_NOT_MEET : Verdict.MEETS, worstValue, worstLimit, "",
                "grout-take attenuation against order 1 (mean " + String.format(Locale.ROOT, "%.1f", first) + " m³ per hole): "
                        + String.join("; ", parts), "attenuation.orders", List.of(String.format(Locale.ROOT, "%.1f", first), String.join("; ", neutral)));
    }
}
