package com.goafwatch.ingest;

import java.time.Instant;

/**
 * What an accepted fiber upload held.
 *
 * @param batch            spool sequence number of the batch (its place in the queue to InfluxDB)
 * @param unmappedSamples  samples outside the calibrated span (kept, tagged {@code parcel=unmapped})
 */
public record TraceSummary(long batch, String cable, long traces, long samples, long unmappedSamples, long samplesInParcels,
        Instant firstTrace, Instant lastTrace) {
}
