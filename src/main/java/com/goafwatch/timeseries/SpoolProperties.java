package com.goafwatch.timeseries;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The durable spool between accepted sensor data and InfluxDB.
 *
 * @param dir            where accepted batches wait (must survive restarts: a volume in Docker)
 * @param maxSize        disk quota for waiting batches; beyond it ingestion answers 503 with Retry-After
 * @param linesPerWrite  points per {@code /write} request to InfluxDB
 * @param maxWriteSize   a backlog of batches is sent in writes of up to this many bytes (several batches each, split
 *                       over the lanes; 0: one batch a write); below InfluxDB's {@code max-body-size} (25 MB by default)
 * @param writeLanes     writes in flight at once per drainer: each write is split by series key into this many
 *                       concurrent writes (a series always in the same one, in spool order); 1: one write at a time
 * @param maxBackoff     longest pause between retries while InfluxDB is unreachable
 * @param heartbeat      how often an instance publishes its spool status to PostgreSQL (also at once on a change)
 * @param staleAfter     an instance whose last status is older than this is reported "stale" by
 *                       {@code /ingest/status}: dead or cut off, its volume may hold undrained batches
 */
@Validated
@ConfigurationProperties("goafwatch.spool")
public record SpoolProperties(
        @NotNull @DefaultValue(".local/spool") Path dir,
        @NotNull @DefaultValue("2GB") DataSize maxSize,
        @Min(100) @DefaultValue("10000") int linesPerWrite,
        @NotNull @DefaultValue("1MB") DataSize maxWriteSize,
        @Min(1) @Max(16) @DefaultValue("4") int writeLanes,
        @NotNull @DefaultValue("30s") Duration maxBackoff,
        @NotNull @DefaultValue("5s") Duration heartbeat,
        @NotNull @DefaultValue("30s") Duration staleAfter) {
}
