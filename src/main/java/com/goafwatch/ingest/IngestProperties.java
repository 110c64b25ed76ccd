package com.goafwatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Validation rules and limits of ingestion.
 *
 * @param maxFuture         how far past the server clock a timestamp may lie (interrogator clock drift)
 * @param earliest          timestamps before this are implausible
 * @param maxAbsStrainUe    |strain| above this is refused as out of range (fibers break near 3–5 %)
 * @param minTemperatureC   lowest plausible temperature
 * @param maxTemperatureC   highest plausible temperature
 * @param maxTraceSize      largest trace upload (compressed size when gzipped); streamed, never held in memory
 * @param siteZone          zone of timestamps written without offset (ODiSI exports local time)
 * @param maxErrorsListed   how many bad rows a problem response lists (all are counted)
 * @param maxRows           most samples or readings in one request; beyond it 413
 * @param maxLineLength     longest line (characters) of a trace file or line-protocol body; a longer one is refused
 *                          (413) before it is held in memory, so a file that is one endless line cannot exhaust the heap
 * @param maxUncompressedSize largest a gzipped trace may expand to; beyond it 413
 * @param rateBinM          fiber strain rates are fitted to per-trace means of bins this long (m of fiber distance),
 *                          written with the samples ({@code fiber_rate_bins}): a rate cycle reads one short row per
 *                          parcel and trace instead of every sample. Trade-off against the fiber's spatial resolution
 *                          (Brillouin ~1 m, PPP-BOTDA 0.1 m): a strain change narrower than the bin has its rate
 *                          averaged down by its width ÷ the bin; at or below the sampling interval every bin is one
 *                          sample and the rate is the per-sample rate
 */
@Validated
@ConfigurationProperties("goafwatch.ingest")
public record IngestProperties(
        @NotNull @DefaultValue("5m") Duration maxFuture,
        @NotNull @DefaultValue("2000-01-01T00:00:00Z") Instant earliest,
        @DefaultValue("50000") double maxAbsStrainUe,
        @DefaultValue("-50") double minTemperatureC,
        @DefaultValue("150") double maxTemperatureC,
        @NotNull @DefaultValue("1GB") DataSize maxTraceSize,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId siteZone,
        @DefaultValue("100") int maxErrorsListed,
        @DefaultValue("50000000") long maxRows,
        @DefaultValue("4000000") @jakarta.validation.constraints.Min(80) int maxLineLength,
        @NotNull @DefaultValue("20GB") DataSize maxUncompressedSize,
        @DefaultValue("2") @jakarta.validation.constraints.DecimalMin("0.001") double rateBinM) {
}
