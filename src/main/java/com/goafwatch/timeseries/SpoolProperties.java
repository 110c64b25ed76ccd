package com.goafwatch.timeseries;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The durable spool between accepted sensor data and InfluxDB.
 *
 * @param dir            where accepted batches wait (must survive restarts: a volume in Docker)
 * @param maxSize        disk quota for waiting batches; beyond it ingestion answers 503 with Retry-After
 * @param linesPerWrite  points per {@code /write} request to InfluxDB
 * @param maxBackoff     longest pause between retries while InfluxDB is unreachable
 */
@Validated
@ConfigurationProperties("goafwatch.spool")
public record SpoolProperties(
        @NotNull @DefaultValue(".local/spool") Path dir,
        @NotNull @DefaultValue("2GB") DataSize maxSize,
        @Min(100) @DefaultValue("10000") int linesPerWrite,
        @NotNull @DefaultValue("30s") Duration maxBackoff) {
}
