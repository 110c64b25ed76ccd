package com.goafwatch.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Request limits.
 *
 * @param maxUploadSize largest raw upload (GeoJSON, CSV, zipped shapefile, GeoPackage); default 20MB
 * @param maxPageSize   largest {@code limit} a list endpoint accepts; default 1000 features
 * @param requestsPerMinute API requests per caller per minute (token bucket); 0 switches the limit off
 * @param requestSlackPercent share of {@code requestsPerMinute} each instance may admit from its own copy of a caller's
 *                      shared bucket before writing back (one transaction per that many requests instead of one per request);
 *                      N instances admit at most (N − 1) × that share beyond the budget; 0 makes every request a transaction
 * @param maxQuerySpan  longest time range a monitoring query may cover
 * @param maxUncompressedSize largest an uploaded archive (zipped shapefile, XLSX workbook) may expand to, and largest
 *                      GeoJSON GDAL may make of an uploaded file; beyond it 413
 * @param maxReportSize largest report copy {@code /reports/verify} reads: a report the service made (figures, CJK font)
 *                      may be larger than any import, and refusing to verify it would be wrong
 */
@Validated
@ConfigurationProperties("goafwatch.limits")
public record LimitsProperties(
        @DefaultValue("20MB") DataSize maxUploadSize,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxPageSize,
        @DefaultValue("1200") @Min(0) int requestsPerMinute,
        @DefaultValue("5") @Min(0) @Max(50) int requestSlackPercent,
        @DefaultValue("3660d") java.time.Duration maxQuerySpan,
        @DefaultValue("100MB") DataSize maxUncompressedSize,
        @DefaultValue("100MB") DataSize maxReportSize) {
}
