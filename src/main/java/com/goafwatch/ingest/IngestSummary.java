package com.goafwatch.ingest;

/**
 * What an accepted line-protocol or readings request held.
 *
 * @param batch spool sequence number (its place in the queue to InfluxDB)
 */
public record IngestSummary(long batch, long fiberSamples, long pointReadings) {
}
