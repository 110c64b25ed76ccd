package com.goafwatch.timeseries;

import java.time.Instant;

/**
 * The ingestion backlog.
 *
 * @param pendingBatches  accepted batches not yet in InfluxDB
 * @param pendingBytes    their size on disk
 * @param oldestPending   sequence number of the oldest waiting batch (null when none)
 * @param rejectedBatches batches InfluxDB refused for good (kept under spool/rejected with the reason)
 * @param writtenPoints   points written to InfluxDB since start-up
 */
public record SpoolStatus(int pendingBatches, long pendingBytes, Long oldestPending, long rejectedBatches, long writtenPoints,
        Instant lastWriteAt, String lastError, Instant lastErrorAt) {
}
