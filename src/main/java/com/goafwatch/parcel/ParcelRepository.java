package com.goafwatch.parcel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.geo.WkbCodec;

/**
 * Explicit SQL for parcels. Every value is bound; the only text spliced into SQL is the output SRID,
 * which comes from {@link SupportedCrs} (an enum), never from a client string.
 */
@Repository
class ParcelRepository {

    private static final String WRITE_GEOM = "ST_Multi(ST_Transform(ST_GeomFromWKB(?, ?), 4490))";

    private final JdbcClient jdbc;

    ParcelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ParcelRow> find(ParcelFilter filter, SupportedCrs outputCrs, int limit, long offset) {
        return find(filter, outputCrs, true, limit, offset);
    }

    /** As {@link #find(ParcelFilter, SupportedCrs, int, long)}; without geometry the rows' geometry columns are null. */
    List<ParcelRow> find(ParcelFilter filter, SupportedCrs outputCrs, boolean withGeometry, int limit, long offset) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql(select(outputCrs, withGeometry) + where + " ORDER BY f.ordinal, p.code, p.id LIMIT ? OFFSET ?")
                .params(params).query(ParcelRepository::map).list();
    }

    long count(ParcelFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.sql("SELECT count(*) FROM parcel p JOIN phase f ON f.id = p.phase_id" + where)
                .params(params).query(Long.class).single();
    }

    Optional<ParcelRow> findById(long id, SupportedCrs outputCrs) {
        return jdbc.sql(select(outputCrs, true) + " WHERE p.id = ?").param(id).query(ParcelRepository::map).optional();
    }

    Set<String> existingCodes(long projectId, Collection<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT code FROM parcel WHERE project_id = ? AND code = ANY (?)")
                .params(projectId, codes.toArray(String[]::new)).query(String.class).list());
    }

    /** Stored status per code, for the codes that exist. */
    java.util.Map<String, String> statuses(long projectId, Collection<String> codes) {
        java.util.Map<String, String> result = new java.util.HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("SELECT code, status FROM parcel WHERE project_id = ? AND code = ANY (?)").params(projectId, codes.toArray(String[]::new))
                    .query(rs -> {
                        result.put(rs.getString(1), rs.getString(2));
                    });
        }
        return result;
    }

    /** Inserts, or with {@code upsert} replaces the parcel of the same code; returns the id and whether it was new. */
    WriteOutcome write(long projectId, ParcelDraft d, boolean upsert) {
        String conflict = upsert
                ? " ON CONFLICT ON CONSTRAINT parcel_code_per_project_uq DO UPDATE SET phase_id = EXCLUDED.phase_id, "
                        + "name = EXCLUDED.name, land_use = EXCLUDED.land_use, status = EXCLUDED.status, "
                        + "geom = EXCLUDED.geom, updated_at = now()"
                : "";
        return jdbc.sql("INSERT INTO parcel (project_id, phase_id, code, name, land_use, status, geom) VALUES (?, ?, ?, ?, ?, ?, "
                + WRITE_GEOM + ")" + conflict + " RETURNING id, (xmax = 0) AS inserted")
                .params(projectId, d.phaseId(), d.code(), d.name(), d.landUse(), d.status().dbValue(),
                        WkbCodec.toWkb(d.geometry()), d.srid())
                .query((rs, n) -> new WriteOutcome(rs.getLong(1), rs.getBoolean(2))).single();
    }

    boolean update(long id, ParcelDraft d) {
        return jdbc.sql("UPDATE parcel SET phase_id = ?, code = ?, name = ?, land_use = ?, status = ?, geom = " + WRITE_GEOM
                + ", updated_at = now() WHERE id = ?")
                .params(d.phaseId(), d.code(), d.name(), d.landUse(), d.status().dbValue(), WkbCodec.toWkb(d.geometry()),
                        d.srid(), id)
                .update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM parcel WHERE id = ?").param(id).update() == 1;
    }

    record WriteOutcome(long id, boolean inserted) {
    }

    private static String select(SupportedCrs crs, boolean withGeometry) {
        String geom = crs.srid() == SupportedCrs.STORAGE_SRID ? "p.geom" : "ST_Transform(p.geom, " + crs.srid() + ")";
        int digits = crs.isGeographic() ? 9 : 3;
        String geometries = withGeometry
                ? "ST_AsGeoJSON(" + geom + ", " + digits + ") AS geojson, ST_AsText(" + geom + ", " + digits + ") AS wkt, "
                : "NULL AS geojson, NULL AS wkt, ";
        return "SELECT p.id, p.project_id, p.phase_id, f.ordinal, p.code, p.name, p.land_use, p.status, p.area_m2, "
                + "p.area_mu, p.updated_at, " + geometries + ParcelLevelSql.EXPRESSION + " AS flag_level "
                + "FROM parcel p JOIN phase f ON f.id = p.phase_id";
    }

    private static String where(ParcelFilter filter, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (filter.projectId() != null) {
            clauses.add("p.project_id = ?");
            params.add(filter.projectId());
        }
        if (filter.visibleProjects() != null) {
            clauses.add("p.project_id = ANY (?)");
            params.add(filter.visibleProjects().toArray(Long[]::new));
        }
        if (filter.phaseId() != null) {
            clauses.add("p.phase_id = ?");
            params.add(filter.phaseId());
        }
        if (filter.status() != null) {
            clauses.add("p.status = ?");
            params.add(filter.status().dbValue());
        }
        if (filter.bbox() != null) {
            var b = filter.bbox();
            // Densify before transforming so a projected box keeps its true (curved) outline in degrees.
            double step = b.crs().isGeographic() ? 0.001 : 100.0;
            clauses.add("ST_Intersects(p.geom, ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, ?), ?), 4490))");
            params.addAll(List.of(b.minX(), b.minY(), b.maxX(), b.maxY(), b.crs().srid(), step));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static ParcelRow map(ResultSet rs, int row) throws SQLException {
        return new ParcelRow(rs.getLong("id"), rs.getLong("project_id"), rs.getLong("phase_id"), rs.getInt("ordinal"),
                rs.getString("code"), rs.getString("name"), rs.getString("land_use"), rs.getString("status"),
                rs.getDouble("area_m2"), rs.getDouble("area_mu"), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getString("geojson"), rs.getString("wkt"), rs.getString("flag_level"));
    }
}
