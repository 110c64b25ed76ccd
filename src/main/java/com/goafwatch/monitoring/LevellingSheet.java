package com.goafwatch.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.PointSensorRepository;
import com.goafwatch.sensor.SensorType;
import com.goafwatch.system.ApiException;

/**
 * The field sheet of a phase: its settlement markers in route order (codes compared number-aware, so M-2 comes before
 * M-10), each with its last reading, and the {@link JumpCheck} of new values before they are saved. Settlement is in
 * mm, positive downward; an elevation (m) is turned into settlement against the marker's baseline elevation, as the
 * readings import does.
 */
@Service
class LevellingSheet {

    /** How far back the history goes (the longest a monitoring query may span). */
    private final Duration historySpan;
    private final PointQueries points;
    private final PointSensorRepository sensors;
    private final JdbcClient jdbc;

    private final com.goafwatch.project.SiteZones zones;

    LevellingSheet(PointQueries points, PointSensorRepository sensors, JdbcClient jdbc, com.goafwatch.system.LimitsProperties limits,
            com.goafwatch.project.SiteZones zones) {
        this.zones = zones;
        this.points = points;
        this.sensors = sensors;
        this.jdbc = jdbc;
        this.historySpan = limits.maxQuerySpan();
    }

    /** One marker of the sheet with its last reading (null fields when it has none). */
    record Row(long sensorId, String code, String parcelCode, Double baselineElevationM, Instant lastTime, Double lastSettlementMm,
            int readings) {
    }

    /** One value to check: settlementMm, or elevationM (converted with the baseline). */
    record Entry(String sensor, Double settlementMm, Double elevationM) {
    }

    /** The check of one entry. */
    record Checked(String sensor, double settlementMm, JumpCheck.Verdict verdict) {
    }

    List<Row> rows(long phaseId) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<PointSensor, String> m : markers(phaseId).entrySet()) {
            SettlementSeries s = history(m.getKey());
            SettlementSeries.Reading last = s.readings().isEmpty() ? null : s.readings().get(s.readings().size() - 1);
            rows.add(new Row(m.getKey().id(), m.getKey().code(), m.getValue(), m.getKey().baselineElevationM(),
                    last == null ? null : last.time(), last == null ? null : last.settlementMm(), s.readings().size()));
        }
        return rows;
    }

    List<Checked> check(long phaseId, Instant at, List<Entry> entries) {
        Map<String, PointSensor> byCode = new HashMap<>();
        markers(phaseId).keySet().forEach(m -> byCode.put(m.code(), m));
        List<String> errors = new ArrayList<>();
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            PointSensor marker = e == null ? null : byCode.get(e.sensor());
            if (marker == null) {
                errors.add("readings[" + i + "]: " + (e == null ? "null" : "'" + e.sensor() + "'") + " is not a settlement marker of this phase");
                continue;
            }
            Double mm = e.settlementMm();
            if (mm == null && e.elevationM() != null && marker.baselineElevationM() != null) {
                mm = (marker.baselineElevationM() - e.elevationM()) * 1000.0;
            }
            if (mm == null || !Double.isFinite(mm)) {
                errors.add("readings[" + i + "] (" + marker.code() + "): settlementMm, or elevationM on a marker with a baseline, required");
                continue;
            }
            List<JumpCheck.Reading> history = history(marker).readings().stream()
                    .filter(r -> r.time().isBefore(at)).map(r -> new JumpCheck.Reading(r.time(), r.settlementMm())).toList();
            checked.add(new Checked(marker.code(), mm, JumpCheck.check(history, at, mm)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-readings", "Invalid readings", String.join("; ", errors)).with("errors", errors);
        }
        return checked;
    }

    private SettlementSeries history(PointSensor marker) {
        Instant now = Instant.now();
        return points.settlement(marker, new TimeRange(now.minus(historySpan), now.plusSeconds(1)), zones.zoneOf(marker.projectId()));
    }

    /** The phase's settlement markers in route order, with their parcel's code. */
    private Map<PointSensor, String> markers(long phaseId) {
        Map<Long, String> parcels = new HashMap<>();
        Long projectId = jdbc.sql("SELECT project_id FROM phase WHERE id = ?").param(phaseId).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("phase", phaseId));
        jdbc.sql("SELECT id, code FROM parcel WHERE phase_id = ?").param(phaseId).query(rs -> {
            parcels.put(rs.getLong(1), rs.getString(2));
        });
        Map<PointSensor, String> markers = new LinkedHashMap<>();
        sensors.findByProject(projectId).stream()
                .filter(s -> s.type() == SensorType.SETTLEMENT_MARKER && s.parcelId() != null && parcels.containsKey(s.parcelId()))
                .sorted(Comparator.comparing(PointSensor::code, LevellingSheet::routeOrder))
                .forEach(s -> markers.put(s, parcels.get(s.parcelId())));
        return markers;
    }

    private static final Pattern CHUNK = Pattern.compile("\\d+|\\D+");

    /** Number-aware comparison: digit runs compare as numbers, the rest as text. */
    static int routeOrder(String a, String b) {
        Matcher x = CHUNK.matcher(a);
        Matcher y = CHUNK.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
