package com.goafwatch.timeseries;

import java.time.Instant;
import java.util.List;

/**
 * The ingestion backlog of every instance sharing the database ({@code GET /api/v1/ingest/status}). The totals sum the
 * live instances (this one read now, the others as last published); stale and stopped instances are listed but not
 * summed, and their pending batches are counted in {@code undrainedBatches}: they wait on a volume no live instance
 * drains until one is started on it.
 *
 * @param pendingBatches  accepted batches not yet in InfluxDB, live instances
 * @param pendingBytes    their size on disk
 * @param oldestPending   this instance's oldest waiting batch's sequence number (numbers are per volume)
 * @param rejectedBatches batches InfluxDB refused for good, live instances
 * @param writtenPoints   points written to InfluxDB since each live instance started
 * @param lastWriteAt     the latest write of any live instance
 * @param lastError       this instance's last write error (cleared by a successful write); per instance in {@code instances}
 * @param pendingSamples  points in the live instances' waiting batches
 * @param oldestPendingAt the commit time of the oldest waiting batch of any live instance
 * @param quotaBytes      the live instances' quotas summed (each volume has its own, {@code goafwatch.spool.max-size})
 * @param undrainedBatches batches waiting on stale or stopped instances' volumes
 * @param instance        this instance's volume id
 * @param instances       one row per volume, this instance's first
 */
public record ClusterSpoolStatus(int pendingBatches, long pendingBytes, Long oldestPending, long rejectedBatches, long writtenPoints,
        Instant lastWriteAt, String lastError, Instant lastErrorAt, long pendingSamples, Instant oldestPendingAt, long quotaBytes,
        int undrainedBatches, long staleAfterSeconds, String instance, List<Volume> instances) {

    /**
     * One instance's spool volume as last published.
     *
     * @param state "live", "stale" (no status within {@code goafwatch.spool.stale-after}: dead or cut off) or "stopped"
     * @param note  for a stale or stopped volume with waiting batches: where they are and how they get drained
     */
    public record Volume(String volumeId, String holder, String spoolDir, String state, int pendingBatches, long pendingSamples,
            long pendingBytes, long quotaBytes, Instant oldestPendingAt, long rejectedBatches, long writtenPoints, Instant lastWriteAt,
            String lastError, Instant lastErrorAt, Instant heartbeatAt, String note) {
    }
}
