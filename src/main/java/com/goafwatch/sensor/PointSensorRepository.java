package com.goafwatch.sensor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.geo.WkbCodec;

/** Explicit SQL for point sensors; the parcel is found by PostGIS when the sensor is written. */
@Repository
public class PointSensorRepository {

    private static final String COLUMNS = "s.id, s.project_id, s.code, s.sensor_type, ST_X(s.location) AS lon, ST_Y(s.location) AS lat, "
            + "s.parcel_id, s.baseline_elevation_m, s.installed_at, s.reading_interval_seconds, (SELECT "
            + com.goafwatch.threshold.ReadingCadence.SENSOR_INTERVAL_SQL + " FROM project pr WHERE pr.id = s.project_id) AS expected_interval_seconds";

    private final JdbcClient jdbc;

    PointSensorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PointSensor> findByProject(long projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM point_sensor s WHERE s.project_id = ? ORDER BY s.code").param(projectId)
                .query(PointSensorRepository::map).list();
    }

    public Optional<PointSensor> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM point_sensor s WHERE s.id = ?").param(id).query(PointSensorRepository::map).optional();
    }

    long insert(long projectId, String code, SensorType type, org.locationtech.jts.geom.Point location, int srid,
            Double baselineElevationM, OffsetDateTime installedAt, Long readingIntervalSeconds) {
        return jdbc.sql("""
                INSERT INTO point_sensor (project_id, code, sensor_type, unit, location, parcel_id, baseline_elevation_m, installed_at,
                    reading_interval_seconds)
                SELECT ?, ?, ?, ?, g, (SELECT p.id FROM parcel p WHERE p.project_id = ? AND ST_Covers(p.geom, g) ORDER BY p.id LIMIT 1), ?, ?, ?
                FROM (SELECT ST_Transform(ST_GeomFromWKB(?, ?), 4490) AS g) x RETURNING id""")
                .params(projectId, code, type.dbValue(), type.unit(), projectId, baselineElevationM, installedAt, readingIntervalSeconds,
                        WkbCodec.toWkb(location), srid)
                .query(Long.class).single();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM point_sensor WHERE id = ?").param(id).update() == 1;
    }

    private static PointSensor map(ResultSet rs, int row) throws SQLException {
        return new PointSensor(rs.getLong("id"), rs.getLong("project_id"), rs.getString("code"),
                SensorType.parse(rs.getString("sensor_type")).orElseThrow(), rs.getDouble("lon"), rs.getDouble("lat"),
                (Long) rs.getObject("parcel_id"), (Double) rs.getObject("baseline_elevation_m"),
                rs.getObject("installed_at", OffsetDateTime.class), (Long) rs.getObject("reading_interval_seconds"),
                rs.getLong("expected_interval_seconds"));
    }
}
