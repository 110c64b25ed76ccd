package com.goafwatch.timeseries;

import java.time.Instant;

/**
 * The ingestion backlog of one instance (its spool volume).
 *
 * @param pendingBatches  accepted batches not yet in InfluxDB
 * @param pendingBytes    their size on disk
 * @param oldestPending   sequence number of the oldest waiting batch (null when none; numbers are per volume)
 * @param rejectedBatches batches InfluxDB refused for good (kept under spool/rejected with the reason)
 * @param writtenPoints   points written to InfluxDB since start-up
 * @param pendingSamples  points (line-protocol lines) in the waiting batches
 * @param oldestPendingAt when the oldest waiting batch was committed (null when none)
 * @param quotaBytes      the volume's quota ({@code goafwatch.spool.max-size})
 * @param volumeId        the id kept in the spool folder: names the volume, whichever instance drains it
 * @param holder          the process holding the volume ("pid N on host")
 * @param spoolDir        the folder's absolute path as this instance sees it
 */
public record SpoolStatus(int pendingBatches, long pendingBytes, Long oldestPending, long rejectedBatches, long writtenPoints,
        Instant lastWriteAt, String lastError, Instant lastErrorAt, long pendingSamples, Instant oldestPendingAt, long quotaBytes,
        String volumeId, String holder, String spoolDir) {
}
