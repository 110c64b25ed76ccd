package com.goafwatch.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.SensorType;
import com.goafwatch.system.RequestTime;
import com.goafwatch.timeseries.LinePoint;
import com.goafwatch.timeseries.PointSeries;
import com.goafwatch.timeseries.Spool;

/**
 * Validates point-sensor readings (settlement markers and other sensors) of one request and streams them
 * into a spool batch; the same rules for line protocol and JSON.
 */
final class PointReadingWriter {

    private static final Map<SensorType, Double> MAX_ABS = Map.of(SensorType.SETTLEMENT_MARKER, 5000.0,
            SensorType.TILTMETER, 1000.0, SensorType.EXTENSOMETER, 5000.0, SensorType.PIEZOMETER, 10000.0);

    private final Map<String, PointSensor> sensors;
    private final IngestProperties rules;
    private final Spool.Batch batch;
    private final RowErrors errors;
    private final long latestAllowedMs;
    private final Map<String, Long> lineBySensorAndTime = new HashMap<>();
    private long points;
    private final Set<Long> parcels = new HashSet<>();
    private long rows;

    PointReadingWriter(Map<String, PointSensor> sensors, IngestProperties rules, Spool.Batch batch, RowErrors errors) {
        this.sensors = sensors;
        this.rules = rules;
        this.batch = batch;
        this.errors = errors;
        this.latestAllowedMs = Instant.now().plus(rules.maxFuture()).toEpochMilli();
    }

    /** Parcels of the sensors read. */
    Set<Long> parcels() {
        return parcels;
    }

    long points() {
        return points;
    }

    /** A levelling result: settlement in mm (positive downward), or an elevation from which it is derived. */
    void settlement(long line, String code, long timeMs, Double settlementMm, Double elevationM) {
        settlement(line, code, timeMs, settlementMm, elevationM, null);
    }

    /** A levelling result; {@code levellingRunId} names the run record it came from (null for manual readings). */
    void settlement(long line, String code, long timeMs, Double settlementMm, Double elevationM, Long levellingRunId) {
        PointSensor sensor = known(line, code, timeMs);
        if (sensor == null) {
            return;
        }
        if (sensor.type() != SensorType.SETTLEMENT_MARKER) {
            errors.add(line, "sensor " + code + " is a " + sensor.type().dbValue() + ", not a settlement marker");
            return;
        }
        Double settlement = settlementMm;
        if (settlement == null && elevationM != null) {
            if (sensor.baselineElevationM() == null) {
                errors.add(line, "marker " + code + " has no baseline elevation; send settlement_mm instead of elevation");
                return;
            }
            settlement = (sensor.baselineElevationM() - elevationM) * 1000.0;
        }
        if (settlement == null) {
            errors.add(line, "a settlement reading needs settlement_mm or elevation_m");
            return;
        }
        if (!inRange(line, sensor, settlement)) {
            return;
        }
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put(PointSeries.FIELD_SETTLEMENT, settlement);
        if (elevationM != null) {
            fields.put(PointSeries.FIELD_ELEVATION, elevationM);
        }
        if (levellingRunId != null) {
            fields.put(PointSeries.FIELD_LEVELLING_RUN, (double) levellingRunId);
        }
        if (sensor.parcelId() != null) {
            parcels.add(sensor.parcelId());
        }
        write(new LinePoint(PointSeries.SETTLEMENT, tags(sensor, false), fields, timeMs));
    }

    void reading(long line, String code, long timeMs, double value) {
        PointSensor sensor = known(line, code, timeMs);
        if (sensor == null) {
            return;
        }
        if (sensor.type() == SensorType.SETTLEMENT_MARKER) {
            errors.add(line, "sensor " + code + " is a settlement marker; send its readings as settlement");
            return;
        }
        if (inRange(line, sensor, value)) {
            write(new LinePoint(PointSeries.READING, tags(sensor, true), Map.of(PointSeries.FIELD_VALUE, value), timeMs));
        }
    }

    private PointSensor known(long line, String code, long timeMs) {
        if (++rows > rules.maxRows()) {
            throw TooManyRows.of(rules.maxRows());
        }
        PointSensor sensor = sensors.get(code);
        if (sensor == null) {
            errors.add(line, "unknown sensor '" + code + "'");
            return null;
        }
        if (timeMs > latestAllowedMs) {
            errors.add(line, "timestamp " + Instant.ofEpochMilli(timeMs) + " is in the future");
            return null;
        }
        if (!RequestTime.accepts(timeMs)) { // goafwatch.ingest.earliest may be set before the API's range
            errors.add(line, RequestTime.outOfRange("timestamp", Instant.ofEpochMilli(timeMs)));
            return null;
        }
        if (timeMs < rules.earliest().toEpochMilli()) {
            errors.add(line, "timestamp " + Instant.ofEpochMilli(timeMs) + " is before " + rules.earliest());
            return null;
        }
        Long first = lineBySensorAndTime.putIfAbsent(code + "@" + timeMs, line);
        if (first != null) {
            errors.add(line, "duplicate reading of " + code + " at " + Instant.ofEpochMilli(timeMs) + " (first on line " + first + ")");
            return null;
        }
        return sensor;
    }

    private boolean inRange(long line, PointSensor sensor, double value) {
        double max = MAX_ABS.get(sensor.type());
        if (!Double.isFinite(value) || Math.abs(value) > max) {
            errors.add(line, sensor.type().dbValue() + " value " + value + " " + sensor.type().unit() + " is out of range (|value| ≤ "
                    + max + " " + sensor.type().unit() + ")");
            return false;
        }
        return true;
    }

    private static TreeMap<String, String> tags(PointSensor sensor, boolean withType) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put(PointSeries.TAG_SENSOR, String.valueOf(sensor.id()));
        tags.put(PointSeries.TAG_PARCEL, sensor.parcelId() == null ? "none" : String.valueOf(sensor.parcelId()));
        if (withType) {
            tags.put(PointSeries.TAG_TYPE, sensor.type().dbValue());
        }
        return tags;
    }

    private void write(LinePoint point) {
        points++;
        if (!errors.any()) {
            batch.append(point);
        }
    }
}
