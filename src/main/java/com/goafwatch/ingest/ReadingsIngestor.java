package com.goafwatch.ingest;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.PointSensorRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.timeseries.Spool;

import tools.jackson.databind.JsonNode;

/**
 * Manual readings as JSON, e.g. a levelling campaign of settlement markers:
 *
 * <pre>
 * {"readings": [{"sensor": "SM-01", "time": "2026-05-01T08:00:00+08:00", "settlementMm": 3.2},
 *               {"sensor": "SM-02", "time": "2026-05-01T08:05:00+08:00", "elevationM": 35.1203},
 *               {"sensor": "TM-01", "time": "2026-05-01T08:10:00+08:00", "value": 0.8}]}
 * </pre>
 *
 * Errors name the reading by its 0-based index in {@code readings}.
 */
@Service
public class ReadingsIngestor {

    private final PointSensorRepository sensors;
    private final Spool spool;
    private final IngestProperties rules;

    private final ApplicationEventPublisher events;

    ReadingsIngestor(PointSensorRepository sensors, Spool spool, IngestProperties rules,
            ApplicationEventPublisher events) {
        this.events = events;
        this.sensors = sensors;
        this.spool = spool;
        this.rules = rules;
    }

    public IngestSummary ingest(long projectId, JsonNode body) {
        return ingest(projectId, body, false);
    }

    /**
     * @param dryRun validate every reading and count them, but leave the batch uncommitted (nothing is written;
     *     the summary's batch is 0)
     */
    public IngestSummary ingest(long projectId, JsonNode body, boolean dryRun) {
        JsonNode readings = body == null ? null : body.path("readings");
        if (readings == null || !readings.isArray() || readings.isEmpty()) {
            throw ApiException.badRequest("invalid-body", "body must be {\"readings\": [{\"sensor\": …, \"time\": …, …}, …]} with at least one reading");
        }
        Map<String, PointSensor> byCode = sensors.findByProject(projectId).stream()
                .collect(Collectors.toMap(PointSensor::code, Function.identity()));
        RowErrors errors = new RowErrors(rules.maxErrorsListed());
        Timestamps timestamps = new Timestamps(rules.siteZone());
        try (Spool.Batch batch = spool.begin()) {
            PointReadingWriter writer = new PointReadingWriter(byCode, rules, batch, errors);
            for (int i = 0; i < readings.size(); i++) {
                JsonNode r = readings.get(i);
                String code = r.path("sensor").asString("");
                long time;
                try {
                    time = timestamps.toEpochMillis(r.path("time").asString(""));
                } catch (IllegalArgumentException e) {
                    errors.add(i, e.getMessage());
                    continue;
                }
                long before = errors.count();
                Double settlement = number(r, "settlementMm", i, errors);
                Double elevation = number(r, "elevationM", i, errors);
                Double value = number(r, "value", i, errors);
                if (errors.count() > before) {
                    continue;
                }
                if (value != null) {
                    writer.reading(i, code, time, value);
                } else {
                    writer.settlement(i, code, time, settlement, elevation);
                }
            }
            if (errors.any()) {
                throw errors.toProblem("readings batch");
            }
            if (dryRun) {
                return new IngestSummary(0, 0, writer.points()); // closing the uncommitted batch discards it
            }
            long sequence = batch.commit();
            events.publishEvent(new SamplesAccepted(projectId, sequence, Set.copyOf(writer.parcels())));
            return new IngestSummary(sequence, 0, writer.points());
        }
    }

    /** A marker height from a levelling run. */
    public record LevelledHeight(String sensorCode, double elevationM) {
    }

    /**
     * Writes the marker heights of an accepted levelling run as settlement readings at {@code timeMs}, each
     * carrying the run's id; all or nothing, durable once this returns.
     *
     * @return the spool batch
     * @throws com.goafwatch.system.ApiException 422 naming the marker when a reading is refused
     */
    public long levelledHeights(long projectId, long runId, long timeMs, java.util.List<LevelledHeight> heights) {
        Map<String, PointSensor> byCode = sensors.findByProject(projectId).stream()
                .collect(Collectors.toMap(PointSensor::code, Function.identity()));
        RowErrors errors = new RowErrors(rules.maxErrorsListed());
        try (Spool.Batch batch = spool.begin()) {
            PointReadingWriter writer = new PointReadingWriter(byCode, rules, batch, errors);
            for (int i = 0; i < heights.size(); i++) {
                writer.settlement(i, heights.get(i).sensorCode(), timeMs, null, heights.get(i).elevationM(), runId);
            }
            if (errors.any()) {
                throw errors.toProblem("levelling run");
            }
            long sequence = batch.commit();
            events.publishEvent(new SamplesAccepted(projectId, sequence, Set.copyOf(writer.parcels())));
            return sequence;
        }
    }

    private static Double number(JsonNode r, String field, int index, RowErrors errors) {
        JsonNode n = r.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            errors.add(index, field + " must be a number; got " + n);
            return null;
        }
        return n.asDouble();
    }
}
