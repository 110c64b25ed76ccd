package com.goafwatch.panel;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.geo.WkbCodec;

/** Explicit SQL for panels; every value bound, the output SRID spliced only from {@link SupportedCrs} (an enum). */
@Repository
class PanelRepository {

    private final JdbcClient jdbc;

    PanelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record PanelRow(long id, String name, double seamThicknessM, double depthM, double areaM2, String geometryJson) {
    }

    long insert(long projectId, PanelDraft d) {
        return jdbc.sql("INSERT INTO goaf_panel (project_id, name, seam_thickness_m, depth_m, geom) "
                + "VALUES (?, ?, ?, ?, ST_Transform(ST_GeomFromWKB(?, ?), 4490)) RETURNING id")
                .params(projectId, d.name(), d.seamThicknessM(), d.depthM(), WkbCodec.toWkb(d.geometry()), d.srid())
                .query(Long.class).single();
    }

    int deleteAll(long projectId) {
        return jdbc.sql("DELETE FROM goaf_panel WHERE project_id = ?").param(projectId).update();
    }

    Set<String> existingNames(long projectId, Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT name FROM goaf_panel WHERE project_id = ? AND name = ANY (?)")
                .params(projectId, names.toArray(String[]::new)).query(String.class).list());
    }

    List<PanelRow> list(long projectId, SupportedCrs crs) {
        String geom = crs.srid() == SupportedCrs.STORAGE_SRID ? "geom" : "ST_Transform(geom, " + crs.srid() + ")";
        int digits = crs.isGeographic() ? 9 : 3;
        return jdbc.sql("SELECT id, name, seam_thickness_m, depth_m, area_m2, ST_AsGeoJSON(" + geom + ", " + digits
                + ") FROM goaf_panel WHERE project_id = ? ORDER BY name")
                .param(projectId)
                .query((rs, i) -> new PanelRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getString(6)))
                .list();
    }
}
