package com.goafwatch.ogc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads features of an {@link OgcCollection} with the geometry already encoded by PostGIS in the
 * requested CRS and axis order, the properties as one JSON object; all values are bound parameters.
 */
@Repository
class OgcFeatureRepository {

    /** A feature as PostGIS encoded it: id, GeoJSON geometry (or null) and the properties object. */
    record FeatureRow(long id, String geometry, String properties) {
    }

    /** Spatial extent in CRS84 and the span of the collection's instants; nulls when empty. */
    record Extent(Double minLon, Double minLat, Double maxLon, Double maxLat, Instant first, Instant last) {
    }

    private final JdbcClient jdbc;

    OgcFeatureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<FeatureRow> page(OgcCollection c, ItemsQuery q, Set<Long> visible) {
        List<Object> params = new ArrayList<>();
        String where = where(c, q, visible, params);
        params.add(q.limit());
        params.add(q.offset());
        return jdbc.sql(select(c, q.crs()) + where + " ORDER BY p.id LIMIT ? OFFSET ?").params(params).query(this::row).list();
    }

    long count(OgcCollection c, ItemsQuery q, Set<Long> visible) {
        List<Object> params = new ArrayList<>();
        String where = where(c, q, visible, params);
        return jdbc.sql("SELECT count(*) FROM " + c.from() + where).params(params).query(Long.class).single();
    }

    Optional<FeatureRow> one(OgcCollection c, long id, OgcCrs crs, Set<Long> visible) {
        List<Object> params = new ArrayList<>(List.of(id));
        String scope = "";
        if (visible != null) {
            scope = " AND p.project_id = ANY (?)";
            params.add(visible.toArray(Long[]::new));
        }
        return jdbc.sql(select(c, crs) + " WHERE p.id = ?" + scope).params(params).query(this::row).optional();
    }

    Extent extent(OgcCollection c, Set<Long> visible) {
        List<Object> params = new ArrayList<>();
        String scope = "";
        if (visible != null) {
            scope = " WHERE p.project_id = ANY (?)";
            params.add(visible.toArray(Long[]::new));
        }
        return jdbc.sql("SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1, t0, t1 FROM ("
                + "SELECT ST_Extent(ST_Transform(" + c.geometry() + ", 4326)) AS e, min(" + c.instant() + ") AS t0, max("
                + c.instant() + ") AS t1 FROM " + c.from() + scope + ") x").params(params)
                .query((rs, i) -> new Extent((Double) rs.getObject("x0"), (Double) rs.getObject("y0"), (Double) rs.getObject("x1"),
                        (Double) rs.getObject("y1"), instant(rs.getTimestamp("t0")), instant(rs.getTimestamp("t1"))))
                .single();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String select(OgcCollection c, OgcCrs crs) {
        String geometry = "ST_Transform(" + c.geometry() + ", " + crs.crs().srid() + ")";
        if (crs.northingFirst()) {
            geometry = "ST_FlipCoordinates(" + geometry + ")";
        }
        String properties = c.properties().stream().map(p -> "'" + p.name() + "', " + p.sql()).collect(Collectors.joining(", "));
        // option 0: no "crs" member; the Content-Crs header names the CRS
        return "SELECT p.id AS id, ST_AsGeoJSON(" + geometry + ", " + crs.precision() + ", 0) AS geometry, json_build_object("
                + properties + ")::text AS properties FROM " + c.from();
    }

    private static String where(OgcCollection c, ItemsQuery q, Set<Long> visible, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (visible != null) {
            clauses.add("p.project_id = ANY (?)");
            params.add(visible.toArray(Long[]::new));
        }
        if (q.bbox() != null) {
            List<String> boxes = new ArrayList<>();
            for (var b : q.bbox()) {
                // densified so that a box in projected metres keeps its true outline in degrees
                double step = b.crs().isGeographic() ? 0.001 : 100.0;
                boxes.add("ST_Intersects(" + c.geometry() + ", ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, ?), ?), 4490))");
                params.addAll(List.of(b.minX(), b.minY(), b.maxX(), b.maxY(), b.crs().srid(), step));
            }
            clauses.add("(" + String.join(" OR ", boxes) + ")");
        }
        if (q.from() != null) {
            clauses.add(c.instant() + " >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            clauses.add(c.instant() + " <= ?");
            params.add(Timestamp.from(q.to()));
        }
        q.filters().forEach((property, value) -> {
            clauses.add("(" + property.sql() + ")::text = ?");
            params.add(value);
        });
        if (q.filter() != null) {
            clauses.add(OgcFilterSql.where(c, q.filter(), params));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private FeatureRow row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new FeatureRow(rs.getLong("id"), rs.getString("geometry"), rs.getString("properties"));
    }
}
