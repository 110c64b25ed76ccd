package com.goafwatch.timeseries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.system.WorkerThread;

/**
 * Publishes this instance's {@link SpoolStatus} to {@code spool_volume_status} every {@code goafwatch.spool.heartbeat}
 * and at once when the backlog changes. On a clean stop the row is deleted when the spool is empty, else marked
 * stopped: its batches wait on the volume for the next instance started on it.
 */
@Component
class SpoolStatusPublisher extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(SpoolStatusPublisher.class);

    private final SpoolDrainer drainer;
    private final SpoolSignal signal;
    private final SpoolProperties properties;
    private final JdbcClient jdbc;

    SpoolStatusPublisher(SpoolDrainer drainer, SpoolSignal signal, SpoolProperties properties, JdbcClient jdbc) {
        super("spool-status");
        this.drainer = drainer;
        this.signal = signal;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Override
    protected void work() {
        while (running()) {
            try {
                publish(false);
                signal.awaitStatusChange(properties.heartbeat().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("could not publish the spool status: {}", e.getMessage());
                try {
                    Thread.sleep(properties.heartbeat().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        super.stop();
        try {
            publish(true);
        } catch (RuntimeException e) {
            log.warn("could not publish the final spool status: {}", e.getMessage());
        }
    }

    void publish(boolean stopping) {
        SpoolStatus s = drainer.status();
        if (stopping && s.pendingBatches() == 0) {
            jdbc.sql("DELETE FROM spool_volume_status WHERE volume_id = ?").param(s.volumeId()).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO spool_volume_status (volume_id, holder, spool_dir, pending_batches, pending_samples, pending_bytes, quota_bytes,
                    oldest_pending_at, rejected_batches, written_points, last_write_at, last_error, last_error_at, heartbeat_at, stopped_at)
                VALUES (:volume, :holder, :dir, :batches, :samples, :bytes, :quota, :oldest, :rejected, :written, :lastWrite, :lastError,
                    :lastErrorAt, clock_timestamp(), CASE WHEN :stopping THEN clock_timestamp() END)
                ON CONFLICT (volume_id) DO UPDATE SET holder = excluded.holder, spool_dir = excluded.spool_dir,
                    pending_batches = excluded.pending_batches, pending_samples = excluded.pending_samples,
                    pending_bytes = excluded.pending_bytes, quota_bytes = excluded.quota_bytes,
                    oldest_pending_at = excluded.oldest_pending_at, rejected_batches = excluded.rejected_batches,
                    written_points = excluded.written_points, last_write_at = excluded.last_write_at, last_error = excluded.last_error,
                    last_error_at = excluded.last_error_at, heartbeat_at = excluded.heartbeat_at, stopped_at = excluded.stopped_at""")
                .param("volume", s.volumeId()).param("holder", s.holder()).param("dir", s.spoolDir())
                .param("batches", s.pendingBatches()).param("samples", s.pendingSamples()).param("bytes", s.pendingBytes())
                .param("quota", s.quotaBytes()).param("oldest", offset(s.oldestPendingAt())).param("rejected", s.rejectedBatches())
                .param("written", s.writtenPoints()).param("lastWrite", offset(s.lastWriteAt())).param("lastError", s.lastError())
                .param("lastErrorAt", offset(s.lastErrorAt())).param("stopping", stopping).update();
        // volumes left behind empty by instances that died need no warning
        jdbc.sql("""
                DELETE FROM spool_volume_status WHERE pending_batches = 0 AND volume_id <> ?
                  AND heartbeat_at < clock_timestamp() - make_interval(secs => ?)""")
                .param(s.volumeId()).param(properties.staleAfter().toSeconds()).update();
    }

    private static java.time.OffsetDateTime offset(java.time.Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }
}
