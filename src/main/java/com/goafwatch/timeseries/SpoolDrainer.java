package com.goafwatch.timeseries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

import com.goafwatch.system.WorkerThread;

/**
 * Sends committed spool batches to InfluxDB in sequence order, and deletes a batch only after the write(s) holding
 * it were accepted. While a backlog waits, consecutive batches go together in one write of at most
 * {@code maxWriteSize} bytes ({@link SpoolGroups}; a point repeated in a later batch still wins: InfluxDB keeps the
 * last of equal points within a write as across writes); a batch alone goes in writes of about {@code linesPerWrite}
 * points ({@link SpoolChunks}). Each such write is split by series key into {@code writeLanes} writes sent at once
 * ({@link SpoolLanes}: a series stays in one lane, in spool order); the batches are done only after all lanes'
 * writes succeeded, and the next write starts only then, so a later batch's value still wins. A crash re-sends at
 * most the writes in flight. While InfluxDB
 * is unreachable it retries with exponential back-off (capped), so nothing is lost and order is kept.
 * A batch that is retried after a partial success re-sends points InfluxDB already has; since a point
 * is identified by series and timestamp, that overwrites them with the same values: no duplicates.
 */
@Component
public class SpoolDrainer extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);

    private final Spool spool;
    private final InfluxClient influx;
    private final InfluxSchema schema;
    private final SpoolSignal signal;
    private final SpoolProperties properties;
    private final ApplicationEventPublisher events;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastWriteAt;
    private volatile long writtenPoints;
    /** off after a failed group write (too large for a slow InfluxDB?) until the spool was empty once */
    private boolean coalesce = true;
    /** sends lanes 2..n while the drainer thread sends lane 1; null with one lane */
    private ThreadPoolExecutor laneWriters;

    SpoolDrainer(Spool spool, InfluxClient influx, InfluxSchema schema, SpoolSignal signal, SpoolProperties properties,
            ApplicationEventPublisher events) {
        super("spool-drainer");
        this.events = events;
        this.spool = spool;
        this.influx = influx;
        this.schema = schema;
        this.signal = signal;
        this.properties = properties;
    }

    /** Snapshot for the status endpoint and health. */
    public SpoolStatus status() {
        List<Path> pending = spool.pending();
        Long oldest = pending.isEmpty() ? null : Spool.sequenceOf(pending.get(0));
        // one listing of the folder for every figure (the status is polled, and published after every written batch)
        return new SpoolStatus(pending.size(), spool.bytesOf(pending), oldest, spool.rejectedCount(), writtenPoints,
                lastWriteAt, lastError, lastErrorAt, spool.samplesOf(pending), SpoolBacklog.oldestCommitted(pending), spool.maxBytes(), spool.volumeId(),
                spool.holder(), spool.dir().toString());
    }

    @Override
    public void start() {
        int others = properties.writeLanes() - 1;
        if (others > 0) {
            AtomicInteger n = new AtomicInteger();
            // bounded: the drainer waits for every lane before it submits more, so at most `others` tasks exist
            laneWriters = new ThreadPoolExecutor(others, others, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(others), r -> {
                Thread t = new Thread(r, "spool-lane-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (laneWriters != null) {
            laneWriters.shutdownNow();
        }
    }

    @Override
    protected void work() {
        long backoffMs = 500;
        while (running()) {
            try {
                boolean drained = drainOnce();
                backoffMs = 500;
                if (drained) {
                    signal.await(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | IOException e) {
                lastError = e.getMessage();
                lastErrorAt = Instant.now();
                signal.statusChanged();
                log.warn("InfluxDB write failed ({}); {} batch(es) wait in the spool, retrying in {} ms", e.getMessage(),
                        spool.pending().size(), backoffMs);
                try {
                    signal.await(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, properties.maxBackoff().toMillis());
            }
        }
    }

    /** @return true when the spool is empty */
    boolean drainOnce() throws IOException {
        List<Path> pending = spool.pending();
        if (pending.isEmpty()) {
            coalesce = true;
            return true;
        }
        if (!schema.ensure()) {
            throw new IllegalStateException("InfluxDB is not reachable");
        }
        long maxBytes = coalesce ? properties.maxWriteSize().toBytes() : 0;
        for (int next = 0; next < pending.size();) {
            if (!running()) {
                return false;
            }
            List<Path> group = SpoolGroups.first(pending.subList(next, pending.size()), maxBytes);
            if (group.size() > 1) {
                sendTogether(group);
            } else if (group.size() == 1) {
                send(group.get(0));
            }
            next += Math.max(1, group.size());
        }
        return false;
    }

    private void sendTogether(List<Path> group) throws IOException {
        SpoolGroups.Body body = SpoolGroups.read(group);
        try {
            write(body.bytes(), body.length(), body.lines());
        } catch (HttpClientErrorException.NotFound e) {
            schema.invalidate();
            throw new IllegalStateException("InfluxDB does not know database " + influx.properties().database(), e);
        } catch (HttpClientErrorException e) {
            // which batch InfluxDB refuses is not known: each alone now (points it accepted are overwritten with the same values)
            for (Path batch : group) {
                send(batch);
            }
            return;
        } catch (RuntimeException e) {
            coalesce = false;
            throw e;
        }
        for (Path batch : group) {
            spool.markDone(batch);
            events.publishEvent(new BatchWritten(Spool.sequenceOf(batch)));
        }
        signal.statusChanged();
    }

    private void send(Path batch) throws IOException {
        try {
            SpoolChunks.forEach(batch, properties.linesPerWrite(), this::write);
        } catch (HttpClientErrorException.NotFound e) {
            // "database not found": InfluxDB was reset or replaced; set the schema up again and retry
            schema.invalidate();
            throw new IllegalStateException("InfluxDB does not know database " + influx.properties().database(), e);
        } catch (HttpClientErrorException e) {
            log.error("InfluxDB refused spool batch {} for good ({}); moved to {}/rejected", batch.getFileName(),
                    e.getResponseBodyAsString(), batch.getParent());
            spool.markRejected(batch, e.getStatusCode() + " " + e.getResponseBodyAsString());
            return;
        }
        spool.markDone(batch);
        signal.statusChanged();
        events.publishEvent(new BatchWritten(Spool.sequenceOf(batch)));
    }

    /**
     * One write, in lanes sent at once; returns when all succeeded. If some failed, throws the failure that decides
     * what happens next: unreachable or 5xx (retry everything later) before 404 (database gone) before another 4xx
     * (the data is refused). Lanes that succeeded are re-sent on a retry: InfluxDB overwrites equal points.
     */
    private void write(byte[] body, int length, int lines) {
        if (laneWriters == null) {
            influx.write(body, length);
        } else {
            List<SpoolLanes.Lane> lanes = SpoolLanes.split(body, length, properties.writeLanes());
            List<Future<?>> others = new ArrayList<>();
            for (SpoolLanes.Lane lane : lanes.subList(Math.min(1, lanes.size()), lanes.size())) {
                others.add(laneWriters.submit(() -> influx.write(lane.bytes(), lane.length())));
            }
            RuntimeException failure = null;
            try {
                if (!lanes.isEmpty()) {
                    influx.write(lanes.get(0).bytes(), lanes.get(0).length());
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            for (Future<?> other : others) {
                failure = decisive(failure, outcome(other));
            }
            if (failure != null) {
                throw failure;
            }
        }
        writtenPoints += lines;
        lastWriteAt = Instant.now();
        lastError = null;
    }

    private static RuntimeException outcome(Future<?> lane) {
        try {
            lane.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the batches stay in the spool
            return new IllegalStateException("stopped while writing", e);
        }
    }

    private static RuntimeException decisive(RuntimeException a, RuntimeException b) {
        return a == null || (b != null && weight(b) > weight(a)) ? b : a;
    }

    private static int weight(RuntimeException e) {
        return e instanceof HttpClientErrorException.NotFound ? 1 : e instanceof HttpClientErrorException ? 0 : 2;
    }
}
