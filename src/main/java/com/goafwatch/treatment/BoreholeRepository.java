package com.goafwatch.treatment;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.geo.SupportedCrs;

/** Boreholes and their stations in PostGIS; the path is computed in Java, placed and transformed by PostGIS. */
@Repository
class BoreholeRepository {

    private final JdbcClient jdbc;

    BoreholeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> idOf(long projectId, String code) {
        return jdbc.sql("SELECT id FROM borehole WHERE project_id = ? AND code = ?").params(projectId, code).query(Long.class).optional();
    }

    Optional<Long> projectOf(long id) {
        return jdbc.sql("SELECT project_id FROM borehole WHERE id = ?").param(id).query(Long.class).optional();
    }

    List<SurveyStation> stations(long id) {
        return jdbc.sql("SELECT md_m, inclination_deg, azimuth_deg FROM borehole_station WHERE borehole_id = ? ORDER BY md_m").param(id)
                .query((rs, i) -> new SurveyStation(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3))).list();
    }

    /** Collar in EPSG:4548 metres. */
    double[] collarInGk(double x, double y, SupportedCrs crs) {
        return jdbc.sql("SELECT ST_X(g), ST_Y(g) FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), ?), 4548) g")
                .params(x, y, crs.srid()).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }

    Optional<Long> parcelByCode(long projectId, String code) {
        return jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = ?").params(projectId, code).query(Long.class).optional();
    }

    Optional<Long> parcelAt(long projectId, double gkX, double gkY) {
        return jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND ST_Intersects(geom, ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490)) "
                + "ORDER BY id LIMIT 1").params(projectId, gkX, gkY).query(Long.class).optional();
    }

    /** Inserts or (when {@code existingId} is set) replaces a borehole and its stations. */
    long save(Long existingId, long projectId, Long parcelId, BoreholeDraft d, double[] gk, List<Trajectory.Point> path) {
        String wkt = path.stream().map(p -> String.format(Locale.ROOT, "%.3f %.3f %.3f", gk[0] + p.eastM(), gk[1] + p.northM(), -p.tvdM()))
                .collect(Collectors.joining(", ", "LINESTRING Z (", ")"));
        double tvd = path.get(path.size() - 1).tvdM();
        List<Object> params = new ArrayList<>();
        params.add(parcelId);
        params.add(d.code());
        params.add(d.type());
        params.add(d.order());
        params.add(gk[0]);
        params.add(gk[1]);
        params.add(d.elevationM());
        params.add(wkt);
        params.add(wkt);
        params.add(d.measuredDepthM());
        params.add(Math.min(tvd, d.measuredDepthM()));
        params.add(d.depthToGoafM());
        params.add(date(d.drilledFrom()));
        params.add(date(d.drilledTo()));
        params.add(date(d.groutedOn()));
        params.add(d.groutTakeM3());
        params.add(d.wasteShare());
        params.add(d.groutPressureMpa());
        params.add(d.notes());
        long id;
        if (existingId == null) {
            params.add(0, projectId);
            id = jdbc.sql("""
                    INSERT INTO borehole (project_id, parcel_id, code, hole_type, hole_order, collar, collar_elevation_m, path, surface_trace,
                        measured_depth_m, vertical_depth_m, depth_to_goaf_m, drilled_from, drilled_to, grouted_on, grout_take_m3,
                        waste_share, grout_pressure_mpa, notes)
                    VALUES (?, ?, ?, ?, ?, ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490), ?, ST_GeomFromText(?, 4548),
                        ST_Transform(ST_Force2D(ST_GeomFromText(?, 4548)), 4490), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id""").params(params).query(Long.class).single();
        } else {
            params.add(existingId);
            jdbc.sql("""
                    UPDATE borehole SET parcel_id = ?, code = ?, hole_type = ?, hole_order = ?,
                        collar = ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490), collar_elevation_m = ?,
                        path = ST_GeomFromText(?, 4548), surface_trace = ST_Transform(ST_Force2D(ST_GeomFromText(?, 4548)), 4490),
                        measured_depth_m = ?, vertical_depth_m = ?, depth_to_goaf_m = ?, drilled_from = ?, drilled_to = ?, grouted_on = ?,
                        grout_take_m3 = ?, waste_share = ?, grout_pressure_mpa = ?, notes = ?, updated_at = now()
                    WHERE id = ?""").params(params).update();
            id = existingId;
            jdbc.sql("DELETE FROM borehole_station WHERE borehole_id = ?").param(id).update();
        }
        for (SurveyStation s : d.stations()) {
            jdbc.sql("INSERT INTO borehole_station (borehole_id, md_m, inclination_deg, azimuth_deg) VALUES (?, ?, ?, ?)")
                    .params(id, s.mdM(), s.inclinationDeg(), s.azimuthDeg() % 360).update();
        }
        return id;
    }

    /** A stored hole as a draft (collar in EPSG:4548), to recompute its path from new stations. */
    record StoredHole(Long parcelId, double[] gk, BoreholeDraft draft) {
    }

    StoredHole stored(long id) {
        List<SurveyStation> stations = stations(id);
        return jdbc.sql("""
                SELECT parcel_id, ST_X(ST_Transform(collar, 4548)) AS x, ST_Y(ST_Transform(collar, 4548)) AS y, code, hole_type, hole_order,
                       collar_elevation_m, measured_depth_m, depth_to_goaf_m, drilled_from, drilled_to, grouted_on, grout_take_m3,
                       waste_share, grout_pressure_mpa, notes
                FROM borehole WHERE id = ?""").param(id).query((rs, i) -> new StoredHole((Long) rs.getObject("parcel_id"),
                new double[] {rs.getDouble("x"), rs.getDouble("y")},
                new BoreholeDraft(rs.getString("code"), rs.getString("hole_type"), (Integer) (rs.getObject("hole_order") == null ? null
                        : rs.getInt("hole_order")), rs.getDouble("x"), rs.getDouble("y"), (Double) rs.getObject("collar_elevation_m"),
                        rs.getDouble("measured_depth_m"), (Double) rs.getObject("depth_to_goaf_m"), local(rs.getDate("drilled_from")),
                        local(rs.getDate("drilled_to")), local(rs.getDate("grouted_on")), (Double) rs.getObject("grout_take_m3"),
                        (Double) rs.getObject("waste_share"), (Double) rs.getObject("grout_pressure_mpa"), null, rs.getString("notes"),
                        stations))).single();
    }

    private static java.time.LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM borehole WHERE id = ?").param(id).update() == 1;
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
