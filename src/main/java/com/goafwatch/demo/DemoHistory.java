package com.goafwatch.demo;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.goafwatch.ingest.ReadingsIngestor;
import com.goafwatch.ingest.TraceIngestor;
import com.goafwatch.security.Actor;
import com.goafwatch.subsidence.SimulatedCable;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the demo site's history since the start of its monitoring period in bulk, through the service's
 * own ingestion path: one streamed trace upload per cable (every trace of the period, validated, placed on
 * its parcels, rolled up and spooled like any upload) and one batch of levelling readings. Nothing goes
 * over HTTP and nothing is held in memory beyond one trace, so months of history take seconds to accept;
 * the spool then hands them to InfluxDB in order.
 */
@Component
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    /** Interrogator schedule: traces at 02:00 China time (18:00 UTC). */
    static final Duration TRACE_OFFSET = Duration.ofHours(18);
    /** Levelling in the morning: 09:00 China time (01:00 UTC). */
    static final Duration LEVELLING_OFFSET = Duration.ofHours(1);

    private final TraceIngestor traces;
    private final ReadingsIngestor readings;
    private final ObjectMapper mapper;

    DemoHistory(TraceIngestor traces, ReadingsIngestor readings, ObjectMapper mapper) {
        this.traces = traces;
        this.readings = readings;
        this.mapper = mapper;
    }

    /** Writes traces and levellings from {@code from} up to (not including) {@code start}. */
    void write(DemoSite demo, Instant from, Instant start, Instant zeroReading, DemoFeedProperties p) {
        long began = System.nanoTime();
        Cadence traceCadence = new Cadence(p.backfillTraceInterval(), TRACE_OFFSET);
        List<Instant> times = new ArrayList<>();
        for (Instant t = traceCadence.firstAtOrAfter(from); t.isBefore(start); t = t.plus(p.backfillTraceInterval())) {
            times.add(t);
        }
        long samples = 0;
        for (SimulatedCable cable : demo.cables()) {
            InputStream csv = new TraceHistoryStream(times.stream()
                    .map(t -> demo.simulator().traceCsv(cable, t, p.backfillSpacing())).iterator());
            samples += Actor.runAs("demo-feed", () -> traces.ingest(demo.projectId(), cable.code(), "csv", ZoneOffset.UTC, csv)).samples();
        }
        int levellings = 0;
        ObjectNode body = mapper.createObjectNode();
        ArrayNode list = body.putArray("readings");
        Cadence levelling = new Cadence(p.levellingInterval(), LEVELLING_OFFSET);
        for (Instant t = levelling.firstAtOrAfter(zeroReading); t.isBefore(start); t = t.plus(p.levellingInterval())) {
            levellings++;
            for (DemoSite.Marker m : demo.markers()) {
                list.add(reading(demo, m, t, zeroReading));
            }
        }
        if (!list.isEmpty()) {
            Actor.runAs("demo-feed", () -> readings.ingest(demo.projectId(), body));
        }
        log.info("demo feed: history of {} days written in {} ms: {} traces per cable ({} samples), {} levellings of {} markers",
                Duration.between(from, start).toDays(), (System.nanoTime() - began) / 1_000_000, times.size(), samples, levellings,
                demo.markers().size());
    }

    /** One levelling reading as the JSON readings API takes it: settlement since the zero reading, 0.01 mm. */
    ObjectNode reading(DemoSite demo, DemoSite.Marker m, Instant t, Instant zeroReading) {
        double mm = demo.simulator().levellingMm(m.code(), m.e(), m.n(), t, zeroReading);
        return mapper.createObjectNode().put("sensor", m.code()).put("time", t.toString()).put("settlementMm", Math.round(mm * 100) / 100.0);
    }

    /** CSV of many traces, made one trace at a time as the ingestion reads it; dropped traces (null) are skipped. */
    private static final class TraceHistoryStream extends InputStream {

        private final java.util.Iterator<String> traces;
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean headerSent;

        TraceHistoryStream(java.util.Iterator<String> traces) {
            this.traces = traces;
        }

        private boolean fill() {
            while (pos >= chunk.length) {
                if (!traces.hasNext()) {
                    return false;
                }
                String csv = traces.next();
                if (csv == null) {
                    continue;
                }
                String text = headerSent ? csv.substring(csv.indexOf('\n') + 1) : csv;
                headerSent = true;
                chunk = text.getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? chunk[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
