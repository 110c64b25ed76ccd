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
 * Sends committed spool batches to InfluxDB in sequence order, in writes of about {@code linesPerWrite} points
 * ({@link SpoolChunks}), and deletes a batch only after every part was accepted. While InfluxDB
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
            return true;
        }
        if (!schema.ensure()) {
            throw new IllegalStateException("InfluxDB is not reachable");
        }
        for (Path batch : pending) {
            if (!running()) {
                return false;
            }
            send(batch);
        }
        return false;
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
