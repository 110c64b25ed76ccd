package com.goafwatch.fiber;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.geo.WkbCodec;

/** Explicit SQL for cables and their calibration points; all values bound. */
@Repository
public class CableRepository {

    private static final String COLUMNS = "c.id, c.project_id, c.code, c.channel, c.installation, c.fiber_length_m, "
            + "COALESCE(c.route_length_m, c.depth_m) AS route_length_m, c.fiber_type, c.coupling_coefficient, c.compensation, "
            + "c.temp_coefficient_ue_per_c, c.baseline_temperature_c, c.baseline_time, c.reading_interval_seconds, "
            + "COALESCE(c.reading_interval_seconds, (SELECT pr.fiber_interval_seconds FROM project pr WHERE pr.id = c.project_id), "
            + com.goafwatch.threshold.ReadingCadence.FIBER_DEFAULT_SECONDS + ") AS expected_interval_seconds";

    private final JdbcClient jdbc;

    CableRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Cable> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cable c WHERE c.id = ?").param(id).query(CableRepository::map).optional();
    }

    public Optional<Cable> findByCode(long projectId, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cable c WHERE c.project_id = ? AND c.code = ?").params(projectId, code)
                .query(CableRepository::map).optional();
    }

    public List<Cable> findByProject(long projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cable c WHERE c.project_id = ? ORDER BY c.code").param(projectId)
                .query(CableRepository::map).list();
    }

    /** GeoJSON of the route (trench) or borehole top, CRS84. */
    public String geometryGeoJson(long id) {
        return jdbc.sql("SELECT ST_AsGeoJSON(COALESCE(route, top_point), 9) FROM cable WHERE id = ?").param(id)
                .query(String.class).single();
    }

    long insert(long projectId, CableDraft d) {
        boolean trench = d.installation() == Installation.TRENCH;
        return jdbc.sql("INSERT INTO cable (project_id, code, channel, installation, route, top_point, depth_m, fiber_length_m, "
                + "fiber_type, coupling_coefficient, compensation, temp_coefficient_ue_per_c, baseline_temperature_c, baseline_time, "
                + "reading_interval_seconds) "
                + "VALUES (?, ?, ?, ?, " + (trench ? "ST_Transform(ST_GeomFromWKB(?, ?), 4490), NULL" : "NULL, ST_Transform(ST_GeomFromWKB(?, ?), 4490)")
                + ", ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(projectId, d.code(), d.channel(), d.installation().dbValue(), WkbCodec.toWkb(d.geometry()), d.srid(),
                        d.depthM(), d.fiberLengthM(), d.fiberType(), d.couplingCoefficient(), d.compensation().dbValue(),
                        d.tempCoefficientUePerC(), d.baselineTemperatureC(), d.baselineTime(), d.readingIntervalSeconds())
                .query(Long.class).single();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM cable WHERE id = ?").param(id).update() == 1;
    }

    List<Calibration.Point> calibrationPoints(long cableId) {
        return jdbc.sql("SELECT fiber_distance_m, chainage_m FROM cable_calibration_point WHERE cable_id = ? ORDER BY seq")
                .param(cableId).query((rs, n) -> new Calibration.Point(rs.getDouble(1), rs.getDouble(2))).list();
    }

    void replaceCalibration(long cableId, List<Calibration.Point> points, List<String> notes) {
        jdbc.sql("DELETE FROM cable_calibration_point WHERE cable_id = ?").param(cableId).update();
        for (int i = 0; i < points.size(); i++) {
            jdbc.sql("INSERT INTO cable_calibration_point (cable_id, seq, fiber_distance_m, chainage_m, note) VALUES (?, ?, ?, ?, ?)")
                    .params(cableId, i, points.get(i).fiberDistanceM(), points.get(i).chainageM(), notes.get(i)).update();
        }
        jdbc.sql("UPDATE cable SET updated_at = now() WHERE id = ?").param(cableId).update();
    }

    /**
     * The cable's calibration, or the identity over its route length when none was measured. The length
     * is rounded to the millimetre: a route surveyed as exactly 300 m comes back from the datum round
     * trip as 299.9999999 m, and the sample at 300 m must still be mapped.
     */
    public Calibration calibration(Cable cable) {
        List<Calibration.Point> points = calibrationPoints(cable.id());
        double routeMm = Math.round(cable.routeLengthM() * 1000) / 1000.0;
        return points.isEmpty() ? Calibration.identity(Math.min(routeMm, cable.fiberLengthM())) : Calibration.of(points);
    }

    private static Cable map(ResultSet rs, int row) throws SQLException {
        return new Cable(rs.getLong("id"), rs.getLong("project_id"), rs.getString("code"), rs.getString("channel"),
                Installation.parse(rs.getString("installation")).orElseThrow(), rs.getDouble("fiber_length_m"),
                rs.getDouble("route_length_m"), rs.getString("fiber_type"), rs.getDouble("coupling_coefficient"),
                Compensation.parse(rs.getString("compensation")).orElseThrow(), rs.getDouble("temp_coefficient_ue_per_c"),
                (Double) rs.getObject("baseline_temperature_c"), rs.getObject("baseline_time", OffsetDateTime.class),
                (Long) rs.getObject("reading_interval_seconds"), rs.getLong("expected_interval_seconds"));
    }
}
