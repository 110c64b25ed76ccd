package com.goafwatch.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.threshold.ReadingCadence;

/** Reads a project's {@link MonitoringLayout} in four queries. */
@Component
class LayoutReader {

    private final JdbcClient jdbc;
    private final EvaluationProperties properties;

    LayoutReader(JdbcClient jdbc, EvaluationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    MonitoringLayout read(long projectId) {
        Map<Long, MonitoringLayout.ParcelRef> parcels = new LinkedHashMap<>();
        jdbc.sql("SELECT id, phase_id, code FROM parcel WHERE project_id = ? ORDER BY id").param(projectId)
                .query(rs -> {
                    parcels.put(rs.getLong(1), new MonitoringLayout.ParcelRef(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                });
        Map<Long, MonitoringLayout.CableRef> cables = new HashMap<>();
        Map<Long, List<MonitoringLayout.CableSpan>> spans = new HashMap<>();
        jdbc.sql("""
                SELECT c.id, c.code, c.coupling_coefficient, i.parcel_id, sum(i.fiber_to_m - i.fiber_from_m), min(%s), c.created_at
                FROM cable c JOIN project pr ON pr.id = c.project_id JOIN cable_parcel_interval i ON i.cable_id = c.id
                WHERE c.project_id = ? AND i.parcel_id IS NOT NULL
                GROUP BY c.id, c.code, c.coupling_coefficient, c.created_at, i.parcel_id ORDER BY c.id, i.parcel_id""".formatted(
                        ReadingCadence.CABLE_INTERVAL_SQL)).param(projectId)
                .query(rs -> {
                    long cable = rs.getLong(1);
                    cables.putIfAbsent(cable, new MonitoringLayout.CableRef(cable, rs.getString(2), rs.getDouble(3), rs.getLong(6),
                            rs.getTimestamp(7).toInstant()));
                    spans.computeIfAbsent(rs.getLong(4), k -> new ArrayList<>()).add(new MonitoringLayout.CableSpan(cable, rs.getDouble(5)));
                });
        List<MonitoringLayout.Marker> markers = new ArrayList<>();
        jdbc.sql("""
                SELECT s.id, s.code, s.parcel_id, ST_X(t.p), ST_Y(t.p), ST_X(s.location), ST_Y(s.location), %s,
                    GREATEST(s.created_at, s.installed_at)
                FROM point_sensor s JOIN project pr ON pr.id = s.project_id, LATERAL (SELECT ST_Transform(s.location, 4548) AS p) t
                WHERE s.project_id = ? AND s.sensor_type = 'settlement-marker' ORDER BY s.id""".formatted(ReadingCadence.SENSOR_INTERVAL_SQL))
                .param(projectId)
                .query(rs -> {
                    markers.add(new MonitoringLayout.Marker(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getTimestamp(9).toInstant()));
                });
        Map<Long, List<MonitoringLayout.Marker>> byParcel = new HashMap<>();
        Map<Long, MonitoringLayout.Marker> byId = new HashMap<>();
        for (MonitoringLayout.Marker m : markers) {
            byId.put(m.id(), m);
            if (m.parcelId() != null) {
                byParcel.computeIfAbsent(m.parcelId(), k -> new ArrayList<>()).add(m);
            }
        }
        List<MonitoringLayout.MarkerTriple> triples = new ArrayList<>();
        List<MonitoringLayout.MarkerPair> pairs = MonitoringLayout.pairs(markers, properties.neighbourDistanceM(), triples);
        Map<Long, java.time.Instant> rulesWatchedSince = new HashMap<>();
        jdbc.sql("SELECT id, monitored_since FROM threshold_rule WHERE project_id = ?").param(projectId)
                .query(rs -> {
                    rulesWatchedSince.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return new MonitoringLayout(parcels, spans, cables, byParcel, byId, pairs, triples, rulesWatchedSince);
    }
}
