package com.goafwatch.threshold;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A rule as the API shows it: its stored fields, plus the cadence it is judged at and the no-data age in
 * force ({@code noDataAfterSeconds} of its own, else {@link ReadingCadence#NO_DATA_FACTOR} × the interval).
 *
 * @param effectiveNoDataAfterSeconds the age after which its sensors count as silent
 * @param noDataAfterSource           {@code rule} (set on the rule) or {@code cadence}
 */
public record RuleDocument(@JsonUnwrapped ThresholdRule rule, RuleCadence.Cadence cadence, long effectiveNoDataAfterSeconds,
        String noDataAfterSource) {

    static RuleDocument of(ThresholdRule rule, RuleCadence.Cadence cadence) {
        return rule.noDataAfterSeconds() != null ? new RuleDocument(rule, cadence, rule.noDataAfterSeconds(), "rule")
                : new RuleDocument(rule, cadence, ReadingCadence.noDataAfterSeconds(cadence.intervalSeconds()), "cadence");
    }
}
