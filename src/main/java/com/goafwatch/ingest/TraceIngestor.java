package com.goafwatch.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.goafwatch.brillouin.BrillouinCoefficients;
import com.goafwatch.brillouin.BrillouinCsv;
import com.goafwatch.brillouin.BrillouinProperties;
import com.goafwatch.brillouin.BrillouinRepository;
import com.goafwatch.brillouin.ReferenceTrace;
import com.goafwatch.brillouin.StrainFromShift;
import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.fiber.Compensation;
import com.goafwatch.fiber.FiberPositionLocator;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.BoundedLineReader;
import com.goafwatch.system.LimitedInputStream;
import com.goafwatch.timeseries.Spool;

/**
 * Streams an interrogator trace file (strain CSV, ODiSI TSV, Brillouin shift CSV or Febus G1 {@code .bsl}; gzip
 * detected by its magic bytes) of one cable
 * into a spool batch: read, validate, locate and encode row by row with bounded memory, then commit
 * only if no row failed.
 */
@Service
public class TraceIngestor {

    private final ApplicationEventPublisher events;

    private final CableRepository cables;
    private final FiberPositionLocator locator;
    private final Spool spool;
    private final IngestProperties rules;
    private final ProjectAccess access;
    private final BrillouinRepository brillouin;
    private final BrillouinProperties brillouinLimits;

    TraceIngestor(CableRepository cables, FiberPositionLocator locator, Spool spool, IngestProperties rules, ProjectAccess access,
            ApplicationEventPublisher events, BrillouinRepository brillouin, BrillouinProperties brillouinLimits) {
        this.events = events;
        this.brillouin = brillouin;
        this.brillouinLimits = brillouinLimits;
        this.cables = cables;
        this.locator = locator;
        this.spool = spool;
        this.rules = rules;
        this.access = access;
    }

    public TraceSummary ingest(long projectId, String cableCode, String format, ZoneId zone, InputStream body) {
        Cable cable = cables.findByCode(projectId, cableCode == null ? "" : cableCode)
                .orElseThrow(() -> UnknownCableException.of(cableCode));
        access.requireCable(projectId, cable.id());
        RowErrors errors = new RowErrors(rules.maxErrorsListed());
        try (Spool.Batch batch = spool.begin()) {
            FiberTraceWriter writer = new FiberTraceWriter(cable, locator, rules, batch, errors, true);
            BufferedInputStream in = new BufferedInputStream(UploadStreams.decompressed(body, rules), 1 << 16);
            TraceReader reader = reader(format, in, cable);
            BufferedReader text = new BufferedReader(new BoundedLineReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), rules.maxLineLength(),
                    reader instanceof CsvTraceReader, "goafwatch.ingest.max-line-length"), 1 << 16);
            reader.read(text, new Timestamps(zone == null ? rules.siteZone() : zone), writer::accept, errors);
            if (errors.any()) {
                throw errors.toProblem("upload");
            }
            TraceSummary empty = writer.summary(0);
            if (empty.samples() == 0) {
                throw ApiException.unprocessable("invalid-rows", "Empty upload", "the upload holds no samples");
            }
            writer.appendRollups();
            long sequence = batch.commit();
            events.publishEvent(new SamplesAccepted(projectId, sequence, Set.copyOf(writer.parcels())));
            return writer.summary(sequence);
        } catch (UncheckedIOException e) {
            throw UploadStreams.unreadable(e.getCause());
        }
    }

    private TraceReader reader(String format, BufferedInputStream in, Cable cable) {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        return switch (f.equals("auto") ? sniff(in) : f) {
            case "csv" -> new CsvTraceReader();
            case "odisi" -> new OdisiTraceReader();
            case "brillouin" -> brillouinReader(cable);
            case "febus" -> febusReader(cable);
            default -> throw ApiException.badRequest("invalid-parameter", "format '" + format
                    + "' must be csv, odisi, brillouin, febus or auto").with("parameter", "format");
        };
    }

    /** Shifts become strain by the cable's newest coefficients and reference trace. */
    private TraceReader brillouinReader(Cable cable) {
        BrillouinCoefficients coefficients = brillouin.latestCoefficients(cable.id()).orElseThrow(() -> ApiException.unprocessable(
                "missing-brillouin-coefficients", "No Brillouin coefficients", "cable " + cable.code() + " has no Brillouin coefficients; "
                        + "POST them to /api/v1/cables/" + cable.id() + "/brillouin/coefficients first; nothing was stored"));
        ReferenceTrace reference = brillouin.latestReference(cable.id()).orElse(null);
        StrainFromShift converter = new StrainFromShift(coefficients, reference, cable.compensation(), cable.baselineTemperatureC(),
                brillouinLimits);
        return new BrillouinTraceReader(new BrillouinCsv(brillouinLimits), converter, reference != null);
    }

    /** The G1 computes strain itself and writes no temperature, so only an uncompensated cable can take its files. */
    private TraceReader febusReader(Cable cable) {
        if (cable.compensation() != Compensation.NONE) {
            throw ApiException.unprocessable("invalid-rows", "Cannot compensate a Febus file", "cable " + cable.code() + " is compensated by "
                    + cable.compensation().dbValue() + " but a Febus G1 strain file carries neither temperature nor a reference-fiber "
                    + "reading (the G1 compensates itself); upload to an uncompensated cable, or upload shifts as Brillouin CSV; "
                    + "nothing was stored");
        }
        return new FebusBslReader(brillouinLimits.maxLineLength());
    }

    /**
     * Febus files start with {@code Param;} lines; ODiSI files with key/value header lines separated by a tab;
     * CSV with a comma-separated header, Brillouin CSV naming a shift column.
     */
    private static String sniff(BufferedInputStream in) {
        try {
            in.mark(4096);
            byte[] head = in.readNBytes(4096);
            in.reset();
            String start = new String(head, StandardCharsets.UTF_8);
            // comment lines ("# synthetic …") may stand before a CSV header
            String firstLine = start.lines().filter(l -> !l.startsWith("#")).findFirst().orElse("");
            if (firstLine.startsWith("Param;")) {
                return "febus";
            }
            if (firstLine.contains("\t") && !firstLine.contains(",")) {
                return "odisi";
            }
            return firstLine.toLowerCase(Locale.ROOT).contains("shift_") ? "brillouin" : "csv";
        } catch (IOException e) {
            throw UploadStreams.unreadable(e);
        }
    }
}
