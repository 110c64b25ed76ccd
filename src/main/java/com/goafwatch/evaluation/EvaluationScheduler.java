package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.ingest.SamplesAccepted;
import com.goafwatch.system.WorkerThread;
import com.goafwatch.timeseries.BatchWritten;

/**
 * Runs evaluations: every project at the configured interval, and the parcels an ingestion touched once
 * its spool batch is in InfluxDB (gathered for {@code afterIngestDelay}, so a burst of uploads costs one
 * cycle). One thread; cycles never overlap here, and a project's cycle gives way to one running on another
 * instance ({@link Evaluator#evaluate}): an ingestion's parcels are then queued again for the next round.
 */
@Component
class EvaluationScheduler extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(EvaluationScheduler.class);

    private final Evaluator evaluator;
    private final JdbcClient jdbc;
    private final EvaluationProperties properties;
    private final Object lock = new Object();
    /** project → spool batch → parcels, waiting for the batch to reach InfluxDB */
    private final Map<Long, TreeMap<Long, Set<Long>>> waiting = new HashMap<>();
    private final Map<Long, Set<Long>> due = new HashMap<>();
    private long dueSince;
    private long writtenUpTo = -1;

    private final EvaluationHold hold;

    EvaluationScheduler(Evaluator evaluator, JdbcClient jdbc, EvaluationProperties properties, EvaluationHold hold) {
        super("threshold-evaluation");
        this.hold = hold;
        this.evaluator = evaluator;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener
    void onAccepted(SamplesAccepted e) {
        if (!properties.onIngest() || e.parcelIds().isEmpty()) {
            return;
        }
        synchronized (lock) {
            waiting.computeIfAbsent(e.projectId(), k -> new TreeMap<>()).computeIfAbsent(e.batch(), k -> new HashSet<>()).addAll(e.parcelIds());
            release();
        }
    }

    @EventListener
    void onWritten(BatchWritten e) {
        synchronized (lock) {
            writtenUpTo = Math.max(writtenUpTo, e.sequence());
            release();
        }
    }

    /** Moves parcels whose batches are written to the due set. Caller holds the lock. */
    private void release() {
        boolean any = false;
        for (Map.Entry<Long, TreeMap<Long, Set<Long>>> project : waiting.entrySet()) {
            var written = project.getValue().headMap(writtenUpTo, true);
            if (!written.isEmpty()) {
                Set<Long> parcels = due.computeIfAbsent(project.getKey(), k -> new HashSet<>());
                written.values().forEach(parcels::addAll);
                written.clear();
                any = true;
            }
        }
        if (any) {
            if (dueSince == 0) {
                dueSince = System.currentTimeMillis();
            }
            lock.notifyAll();
        }
    }

    @Override
    protected void work() {
        long interval = properties.interval().toMillis();
        // nothing is judged before firstCycleAfter: after a restart, gateways first resend what they buffered,
        // and evaluating half-way through that backlog would report sensors as silent
        long startAt = System.currentTimeMillis() + properties.firstCycleAfter().toMillis();
        long nextFull = startAt;
        while (running()) {
            try {
                Map<Long, Set<Long>> triggered = null;
                synchronized (lock) {
                    if (hold.held()) {
                        // the site's past is still on its way to InfluxDB: what is due now waits for it
                        log.debug("evaluations held by {}", hold.holders());
                        lock.wait(500);
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    long wakeAt = interval > 0 ? nextFull : Long.MAX_VALUE;
                    if (dueSince > 0) {
                        long ready = Math.max(startAt, dueSince + properties.afterIngestDelay().toMillis());
                        if (now >= ready) {
                            triggered = new HashMap<>(due);
                            due.clear();
                            dueSince = 0;
                        } else {
                            wakeAt = Math.min(wakeAt, ready);
                        }
                    }
                    if (triggered == null && (interval <= 0 || now < nextFull)) {
                        lock.wait(Math.max(1, Math.min(wakeAt - now, 60_000)));
                        continue;
                    }
                }
                if (triggered != null) {
                    triggered.forEach((project, parcels) -> run(project, parcels, "ingest"));
                } else {
                    nextFull = System.currentTimeMillis() + interval;
                    for (Long project : projects()) {
                        run(project, null, "schedule");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("evaluation round failed: {}", e.getMessage());
            }
        }
    }

    private void run(long project, Set<Long> parcels, String trigger) {
        try {
            CycleReport r = evaluator.evaluate(project, parcels, Instant.now(), trigger);
            log.debug("evaluated project {}: {}", project, r);
            if ("busy".equals(r.dataSource()) && parcels != null) {
                // another instance is evaluating the project and may have read InfluxDB before this data: again later
                synchronized (lock) {
                    due.computeIfAbsent(project, k -> new HashSet<>()).addAll(parcels);
                    if (dueSince == 0) {
                        dueSince = System.currentTimeMillis();
                    }
                }
            }
        } catch (RuntimeException e) {
            // PostgreSQL away or a bad rule: the next cycle tries again
            log.warn("evaluation of project {} failed: {}", project, e.getMessage());
        }
    }

    private List<Long> projects() {
        return jdbc.sql("SELECT id FROM project ORDER BY id").query(Long.class).list();
    }

}
