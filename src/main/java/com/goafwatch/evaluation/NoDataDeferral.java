package com.goafwatch.evaluation;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.goafwatch.timeseries.ClusterSpoolStatus;
import com.goafwatch.timeseries.SpoolCluster;

/**
 * Whether a cycle defers raising no data because accepted samples still wait in a spool on their way to InfluxDB (after
 * an outage a backlog drains for minutes): a sensor whose samples are in that backlog is not silent. The spool status
 * says nothing of projects or sensors, only when its oldest waiting batch was accepted; so a rule defers only if that
 * backlog began no later than the rule became overdue ({@link Backlog#defers}): a sample the rule misses can only be in
 * a batch accepted before then. A sensor already overdue when the oldest waiting batch came in was silent at the service,
 * whatever else keeps arriving (under continuous ingestion a batch is almost always in flight). Any live instance's
 * backlog counts (cluster-wide, {@link SpoolCluster}); stale or stopped volumes do not (no live instance drains them);
 * and the deferral ends {@code goafwatch.evaluation.no-data-defer-max} after the oldest waiting batch was accepted: a
 * stuck spool must not hide real silence.
 */
@Component
public class NoDataDeferral {

    private static final Logger log = LoggerFactory.getLogger(NoDataDeferral.class);

    /**
     * The backlog as the cycle saw it.
     *
     * @param deferring  true while no data is deferred; false once {@code deferUntil} has passed (then judged as usual)
     * @param rules      (parcel, rule) pairs whose new no data was deferred in the cycle
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backlog(int pendingBatches, Instant oldestPendingAt, Instant deferUntil, boolean deferring, Integer rules, String note) {

        /**
         * @param overdueAt when the rule's data was due at the latest (its newest sample, or the start of monitoring, plus
         *                  its no-data age); null when unknown
         * @return whether the rule's new no data waits for this backlog: it is still within its bound and it began no later
         *         than the rule became overdue
         */
        boolean defers(Instant overdueAt) {
            return deferring && overdueAt != null && !oldestPendingAt.isAfter(overdueAt);
        }

        Backlog withRules(int count) {
            return new Backlog(pendingBatches, oldestPendingAt, deferUntil, deferring, count, note);
        }
    }

    private final SpoolCluster cluster;
    private final Duration max;

    NoDataDeferral(SpoolCluster cluster, @Value("${goafwatch.evaluation.no-data-defer-max:30m}") Duration max) {
        this.cluster = cluster;
        this.max = max;
    }

    /** The deferral bound, seconds: how far past a rule's no-data age its newest sample must be searched. */
    long maxSeconds() {
        return max.toSeconds();
    }

    /** The live backlog at {@code now}, or null when there is none (or the status cannot be read: then judge as usual). */
    Backlog at(Instant now) {
        try {
            ClusterSpoolStatus s = cluster.status();
            return decide(s.pendingBatches(), s.oldestPendingAt(), now, max);
        } catch (RuntimeException e) {
            log.warn("spool status unreadable, no-data judged without deferral: {}", e.getMessage());
            return null;
        }
    }

    static Backlog decide(int pendingBatches, Instant oldestPendingAt, Instant now, Duration max) {
        if (pendingBatches <= 0 || oldestPendingAt == null) {
            return null;
        }
        Instant until = oldestPendingAt.plus(max);
        boolean deferring = !now.isAfter(until);
        String note = deferring
                ? "no-data judgement deferred: " + pendingBatches + " accepted batch(es) still draining into InfluxDB (oldest accepted "
                        + oldestPendingAt + "); deferred at most until " + until
                : pendingBatches + " accepted batch(es) still waiting since " + oldestPendingAt + ", longer than the deferral bound ("
                        + max + "): no data judged as usual";
        return new Backlog(pendingBatches, oldestPendingAt, until, deferring, null, note);
    }
}
