package com.goafwatch.evaluation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.ThresholdRule;

/**
 * The current state of one effective rule on one parcel.
 *
 * @param status     {@code ok}, {@code flagged} (at {@code level}), {@code no_data}, {@code not_monitored}
 *                   (nothing of the rule's kind measures this parcel) or {@code unknown} (not evaluated yet, or
 *                   {@code awaiting} its first sample)
 * @param pending    a higher level reached but not yet for the rule's pending period
 * @param threshold  the threshold of {@code level}, or of the lowest level when within limits
 * @param unconfirmed a level resting on one trace, shown with its evidence but not raised (see the README's
 *                   confirmation rule); null when there is none
 * @param awaiting   set while the rule has never seen a sample on the parcel and is not yet silent for its no-data age
 *                   since monitoring began (status {@code unknown}: neither ok nor no data)
 * @param noDataDeferred set when the rule's silence would have raised no data but accepted batches were still draining
 *                   from a spool: the previous state is held (see {@link NoDataDeferral}); says how many and until when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flag(long ruleId, String rule, String metric, String statistic, String unit, String scope, String status, Level level,
        Level pending, Double value, Double threshold, Evidence evidence, Instant evaluatedAt, Instant since, String dataSource,
        Unconfirmed unconfirmed, Awaiting awaiting, String noDataDeferred) {

    /** Awaiting the first sample: monitored since {@code since}; no data from {@code noDataFrom} if nothing comes. */
    public record Awaiting(Instant since, Instant noDataFrom) {
    }

    /** A level one trace reached that is not confirmed (yet), with why. */
    public record Unconfirmed(Level level, double value, Evidence evidence, String reason) {
    }

    /** A rule nothing has evaluated yet (or cannot: {@code not_monitored}); never reads as ok. */
    static Flag of(ThresholdRule rule, String status) {
        return new Flag(rule.id(), rule.name(), rule.metric().dbValue(), rule.statistic().dbValue(), rule.unit(), scope(rule), status, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    static String scope(ThresholdRule rule) {
        return rule.parcelId() != null ? "parcel" : rule.phaseId() != null ? "phase" : "project";
    }

    Flag withDataSource(String source) {
        return new Flag(ruleId, rule, metric, statistic, unit, scope, status, level, pending, value, threshold, evidence, evaluatedAt, since,
                source, unconfirmed, awaiting, noDataDeferred);
    }

    Flag since(Instant changedAt) {
        return new Flag(ruleId, rule, metric, statistic, unit, scope, status, level, pending, value, threshold, evidence, evaluatedAt,
                changedAt, dataSource, unconfirmed, awaiting, noDataDeferred);
    }
}
