package com.goafwatch.timeseries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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
 * points ({@link SpoolChunks}). A crash re-sends at most the write in flight. While InfluxDB
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
        return new SpoolStatus(pending.size(), spool.pendingBytes(), oldest, spool.rejectedCount(), writtenPoints,
                lastWriteAt, lastError, lastErrorAt, spool.pendingSamples(), spool.oldestPendingAt(), spool.maxBytes(), spool.volumeId(),
                spool.holder(), spool.dir().toString());
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

    private void write(byte[] body, int length, int lines) {
        influx.write(body, length);
        writtenPoints += lines;
        lastWriteAt = Instant.now();
        lastError = null;
    }
}
