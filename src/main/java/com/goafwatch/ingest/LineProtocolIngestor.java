package com.goafwatch.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.fiber.FiberPositionLocator;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.PointSensorRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.timeseries.Spool;

/**
 * Line protocol from gateways and other collectors. Accepted measurements:
 * <ul>
 * <li>{@code fiber_strain,cable=<code> distance_m=…,strain_ue=…[,temperature_c=…][,reference_strain_ue=…] <time>}</li>
 * <li>{@code settlement,sensor=<code> settlement_mm=… | elevation_m=… <time>}</li>
 * <li>{@code sensor_reading,sensor=<code> value=… <time>}</li>
 * </ul>
 * Names are the project's cable and sensor codes; the service adds the parcel and position tags itself.
 * Timestamps are required; {@code precision} is s, ms, us or ns (InfluxDB's default, ns).
 */
@Service
public class LineProtocolIngestor {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "fiber_strain", Set.of("distance_m", "strain_ue", "temperature_c", "reference_strain_ue"),
            "settlement", Set.of("settlement_mm", "elevation_m"),
            "sensor_reading", Set.of("value"));
    private static final Map<String, String> TAG = Map.of("fiber_strain", "cable", "settlement", "sensor", "sensor_reading", "sensor");

    private final CableRepository cables;
    private final PointSensorRepository sensors;
    private final FiberPositionLocator locator;
    private final Spool spool;
    private final IngestProperties rules;
    private final ProjectAccess access;

    private final ApplicationEventPublisher events;

    LineProtocolIngestor(CableRepository cables, PointSensorRepository sensors, FiberPositionLocator locator, Spool spool,
            IngestProperties rules, ProjectAccess access, ApplicationEventPublisher events) {
        this.events = events;
        this.cables = cables;
        this.sensors = sensors;
        this.locator = locator;
        this.spool = spool;
        this.rules = rules;
        this.access = access;
    }

    public IngestSummary ingest(long projectId, String body, String precision) {
        java.util.function.LongUnaryOperator toMillis = toMillis(precision);
        Map<String, Cable> cablesByCode = cables.findByProject(projectId).stream().collect(Collectors.toMap(Cable::code, Function.identity()));
        Map<String, PointSensor> sensorsByCode = sensors.findByProject(projectId).stream()
                .collect(Collectors.toMap(PointSensor::code, Function.identity()));
        RowErrors errors = new RowErrors(rules.maxErrorsListed());
        try (Spool.Batch batch = spool.begin()) {
            Map<String, FiberTraceWriter> fiber = new HashMap<>();
            PointReadingWriter points = new PointReadingWriter(sensorsByCode, rules, batch, errors);
            long lineNo = 0;
            long fiberSamples = 0;
            LineProtocolParser parser = new LineProtocolParser();
            // line by line, parsed where it lies in the body (a request holds tens of thousands: no copy per line)
            for (int start = 0, end; start <= body.length(); start = end + 1) {
                end = body.indexOf('\n', start);
                if (end < 0) {
                    end = body.length();
                }
                lineNo++;
                if (end - start > rules.maxLineLength()) {
                    errors.add(lineNo, "line of " + (end - start) + " characters is longer than goafwatch.ingest.max-line-length ("
                            + rules.maxLineLength() + ")");
                    continue;
                }
                int from = start;
                int to = end;
                while (from < to && Character.isWhitespace(body.charAt(from))) { // String.strip()
                    from++;
                }
                while (to > from && Character.isWhitespace(body.charAt(to - 1))) {
                    to--;
                }
                if (from == to || body.charAt(from) == '#') {
                    continue;
                }
                LineProtocolParser.Line p;
                try {
                    p = parser.parse(body, from, to);
                    check(p);
                } catch (IllegalArgumentException e) {
                    errors.add(lineNo, e.getMessage());
                    continue;
                }
                long timeMs = toMillis.applyAsLong(p.time());
                String code = p.tags().get(TAG.get(p.measurement()));
                switch (p.measurement()) {
                    case "fiber_strain" -> {
                        Cable cable = cablesByCode.get(code);
                        if (cable == null) {
                            errors.add(lineNo, "unknown cable '" + code + "'");
                            continue;
                        }
                        FiberTraceWriter writer = fiber.computeIfAbsent(code, c -> {
                            access.requireCable(projectId, cable.id()); // a token bound to other cables: 403, nothing kept
                            return new FiberTraceWriter(cable, locator, rules, batch, errors, false);
                        });
                        writer.accept(new FiberSample(lineNo, timeMs, p.get("distance_m"), p.get("strain_ue"), p.get("temperature_c"),
                                p.get("reference_strain_ue"), null, new FiberSample.Texts(p.text("strain_ue"), p.text("temperature_c"),
                                        p.text("distance_m"))));
                        fiberSamples++;
                    }
                    case "settlement" -> points.settlement(lineNo, code, timeMs, p.get("settlement_mm"), p.get("elevation_m"));
                    default -> points.reading(lineNo, code, timeMs, p.get("value"));
                }
            }
            if (errors.any()) {
                throw errors.toProblem("line-protocol batch");
            }
            if (fiberSamples + points.points() == 0) {
                throw ApiException.unprocessable("invalid-rows", "Empty batch", "the body holds no points");
            }
            fiber.values().forEach(FiberTraceWriter::appendRollups);
            long sequence = batch.commit();
            Set<Long> parcels = new HashSet<>(points.parcels());
            fiber.values().forEach(w -> parcels.addAll(w.parcels()));
            events.publishEvent(new SamplesAccepted(projectId, sequence, parcels));
            return new IngestSummary(sequence, fiberSamples, points.points());
        }
    }

    private static void check(LineProtocolParser.Line p) {
        Set<String> fields = FIELDS.get(p.measurement());
        if (fields == null) {
            throw new IllegalArgumentException("unknown measurement '" + p.measurement() + "'; accepted: " + FIELDS.keySet());
        }
        String tag = TAG.get(p.measurement());
        if (p.tags().size() != 1 || !p.tags().containsKey(tag)) {
            throw new IllegalArgumentException(p.measurement() + " takes exactly one tag, '" + tag + "'; got " + p.tags().keySet());
        }
        for (int i = 0; i < p.fieldCount(); i++) {
            if (!fields.contains(p.fieldName(i))) {
                throw new IllegalArgumentException("unknown field '" + p.fieldName(i) + "' for " + p.measurement() + "; accepted: " + fields);
            }
        }
        if (p.measurement().equals("fiber_strain") && !(p.has("distance_m") && p.has("strain_ue"))) {
            throw new IllegalArgumentException("fiber_strain needs the fields distance_m and strain_ue");
        }
        if (p.measurement().equals("sensor_reading") && !p.has("value")) {
            throw new IllegalArgumentException("sensor_reading needs the field value");
        }
        if (p.time() == null) {
            throw new IllegalArgumentException("timestamp required (the server clock is no substitute for the sensor's)");
        }
    }

    private static java.util.function.LongUnaryOperator toMillis(String precision) {
        return switch (precision == null ? "ns" : precision.toLowerCase(Locale.ROOT)) {
            case "ns", "n" -> t -> Math.floorDiv(t, 1_000_000L);
            case "us", "u" -> t -> Math.floorDiv(t, 1_000L);
            case "ms" -> t -> t;
            case "s" -> t -> Math.abs(t) > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : t * 1000; // absurd values fail the future check
            default -> throw ApiException.badRequest("invalid-parameter", "precision '" + precision + "' must be s, ms, us or ns")
                    .with("parameter", "precision");
        };
    }
}
