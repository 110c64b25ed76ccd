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

import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.fiber.FiberPositionLocator;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.BoundedLineReader;
import com.goafwatch.system.LimitedInputStream;
import com.goafwatch.timeseries.Spool;

/**
 * Streams an interrogator trace file (CSV or ODiSI TSV, gzip detected by its magic bytes) of one cable
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

    TraceIngestor(CableRepository cables, FiberPositionLocator locator, Spool spool, IngestProperties rules, ProjectAccess access,
            ApplicationEventPublisher events) {
        this.events = events;
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
            BufferedInputStream in = new BufferedInputStream(decompressed(body), 1 << 16);
            TraceReader reader = reader(format, in);
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
            throw unreadable(e.getCause());
        }
    }

    private InputStream decompressed(InputStream body) {
        try {
            InputStream limited = new LimitedInputStream(body, rules.maxTraceSize().toBytes(), "goafwatch.ingest.max-trace-size");
            BufferedInputStream in = new BufferedInputStream(limited, 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                // a decompression bomb is cut off at the uncompressed limit; its lines at max-line-length
                return new LimitedInputStream(new GZIPInputStream(in, 1 << 16), rules.maxUncompressedSize().toBytes(),
                        "goafwatch.ingest.max-uncompressed-size");
            }
            return in;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static TraceReader reader(String format, BufferedInputStream in) {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "csv" -> new CsvTraceReader();
            case "odisi" -> new OdisiTraceReader();
            case "auto" -> sniff(in);
            default -> throw ApiException.badRequest("invalid-parameter", "format '" + format + "' must be csv, odisi or auto")
                    .with("parameter", "format");
        };
    }

    /** ODiSI files start with key/value header lines separated by a tab; CSV with a comma-separated header. */
    private static TraceReader sniff(BufferedInputStream in) {
        try {
            in.mark(4096);
            byte[] head = in.readNBytes(4096);
            in.reset();
            String start = new String(head, StandardCharsets.UTF_8);
            String firstLine = start.lines().findFirst().orElse("");
            return firstLine.contains("\t") && !firstLine.contains(",") ? new OdisiTraceReader() : new CsvTraceReader();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static ApiException unreadable(Throwable e) {
        if (e instanceof LimitedInputStream.LimitExceeded limit) {
            return limit.problem();
        }
        if (e instanceof BoundedLineReader.LineTooLong line) {
            return line.problem();
        }
        String reason = e instanceof ZipException ? "the gzip stream is corrupt: " + e.getMessage()
                : e instanceof java.nio.charset.CharacterCodingException ? "the upload is not valid UTF-8 text"
                : "the upload could not be read: " + e.getMessage();
        return ApiException.badRequest("unreadable-body", reason);
    }
}
