package com.goafwatch.ingest;

import java.util.Set;

/**
 * Published after an ingestion batch was committed to the spool: the parcels its samples lie in, so
 * threshold evaluation can look at them once the batch reached InfluxDB.
 *
 * @param batch spool sequence number
 */
public record SamplesAccepted(long projectId, long batch, Set<Long> parcelIds) {
}
