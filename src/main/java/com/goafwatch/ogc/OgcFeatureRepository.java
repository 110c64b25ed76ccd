package com.goafwatch.ogc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.security.ConfirmingReads.Proven;
import com.goafwatch.security.TokenProof;

/**
 * Reads features of an {@link OgcCollection} as GeoJSON Feature text written by PostGIS: the geometry in the
 * requested CRS and axis order with the precision of {@link OgcCrs#precision()}, the properties in the order the
 * collection lists them. All values are bound parameters; property names and their SQL are constants of the code.
 * The text is passed to the client as it is (no JSON tree is built in Java).
 */
@Repository
class OgcFeatureRepository {

    /** A page of features, each a GeoJSON Feature object as text, and how many features match the query in all. */
    record Page(List<String> features, long matched) {
    }

    /** Spatial extent in CRS84 and the span of the collection's instants; nulls when empty. */
    record Extent(Double minLon, Double minLat, Double maxLon, Double maxLat, Instant first, Instant last) {
    }

    private final JdbcClient jdbc;

    OgcFeatureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The page and the number matched in one statement (one round trip): the count is joined to the page, so a page
     * past the end still gives one row, with the count and no feature.
     *
     * @param proof the caller's remembered token to confirm in the same statement (null: none)
     */
    Proven<Page> page(OgcCollection c, ItemsQuery q, Set<Long> visible, TokenProof proof) {
        List<Object> whereParams = new ArrayList<>();
        String where = where(c, q, visible, whereParams);
        List<Object> params = new ArrayList<>(whereParams); // the count's WHERE
        params.addAll(whereParams); // the page's, the same
        params.add(q.limit());
        params.add(q.offset());
        String sql = "SELECT m.n AS matched, f.feature" + TokenProof.column(proof, params) + " FROM (SELECT count(*) AS n FROM "
                + c.from() + where + ") m LEFT JOIN (" + select(c, q.crs()) + where + " ORDER BY p.id LIMIT ? OFFSET ?) f ON true "
                + "ORDER BY f.id";
        List<String> features = new ArrayList<>();
        long[] matched = {0};
        boolean[] held = {true};
        jdbc.sql(sql).params(params).query(rs -> {
            matched[0] = rs.getLong("matched");
            held[0] = TokenProof.held(proof, rs);
            String feature = rs.getString("feature");
            if (feature != null) {
                features.add(feature);
            }
        });
        return new Proven<>(new Page(features, matched[0]), held[0]);
    }

    /**
     * One feature as GeoJSON text, when it exists and its project is visible. The statement gives one row either way,
     * so that a missing feature still tells whether the token proof held.
     */
    Proven<Optional<String>> one(OgcCollection c, long id, OgcCrs crs, Set<Long> visible, TokenProof proof) {
        List<Object> params = new ArrayList<>(List.of(id));
        String scope = "";
        if (visible != null) {
            scope = " AND p.project_id = ANY (?)";
            params.add(visible.toArray(Long[]::new));
        }
        String sql = "SELECT f.feature" + TokenProof.column(proof, params) + " FROM (SELECT 1) one LEFT JOIN (" + select(c, crs)
                + " WHERE p.id = ?" + scope + ") f ON true";
        return jdbc.sql(sql).params(params)
                .query((rs, i) -> new Proven<>(Optional.ofNullable(rs.getString("feature")), TokenProof.held(proof, rs))).single();
    }

    /** An extent and the versions of the given layers, read in one statement (one snapshot). */
    record Versioned(Extent extent, List<Long> versions) {
    }

    /** The current versions of the layers, in their order (a missing layer is left out). */
    List<Long> versions(List<String> layers) {
        return jdbc.sql("SELECT v.version FROM unnest(?::text[]) WITH ORDINALITY l(layer, i) JOIN map_layer_version v ON v.layer = l.layer "
                + "ORDER BY l.i").param(layers.toArray(String[]::new)).query(Long.class).list();
    }

    Versioned extent(OgcCollection c, Set<Long> visible, List<String> layers) {
        List<Object> params = new ArrayList<>();
        params.add(layers.toArray(String[]::new));
        String scope = "";
        if (visible != null) {
            scope = " WHERE p.project_id = ANY (?)";
            params.add(visible.toArray(Long[]::new));
        }
        return jdbc.sql("SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1, t0, t1, (SELECT array_agg(v.version "
                + "ORDER BY l.i) FROM unnest(?::text[]) WITH ORDINALITY l(layer, i) JOIN map_layer_version v ON v.layer = l.layer) AS versions "
                + "FROM (SELECT ST_Extent(ST_Transform(" + c.geometry() + ", 4326)) AS e, min(" + c.instant() + ") AS t0, max("
                + c.instant() + ") AS t1 FROM " + c.from() + scope + ") x").params(params)
                .query((rs, i) -> new Versioned(new Extent((Double) rs.getObject("x0"), (Double) rs.getObject("y0"), (Double) rs.getObject("x1"),
                        (Double) rs.getObject("y1"), instant(rs.getTimestamp("t0")), instant(rs.getTimestamp("t1"))),
                        versions(rs.getArray("versions"))))
                .single();
    }

    private static List<Long> versions(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((Long[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * {@code id} and {@code feature}: the Feature object built by PostgreSQL. Each property is {@code to_json} of its
     * SQL (numbers as float8, so 12.300 is written 12.3), in the collection's order, null as {@code null}.
     */
    private static String select(OgcCollection c, OgcCrs crs) {
        // one text per collection and CRS: built once, not per request
        return SELECTS.computeIfAbsent(c.id() + "|" + crs, k -> buildSelect(c, crs));
    }

    private static final Map<String, String> SELECTS = new ConcurrentHashMap<>();

    private static String buildSelect(OgcCollection c, OgcCrs crs) {
        String geometry = "ST_Transform(" + c.geometry() + ", " + crs.crs().srid() + ")";
        if (crs.northingFirst()) {
            geometry = "ST_FlipCoordinates(" + geometry + ")";
        }
        StringBuilder properties = new StringBuilder();
        for (OgcProperty p : c.properties()) {
            String value = p.type().equals("number") ? "(" + p.sql() + ")::float8" : p.sql();
            properties.append(properties.isEmpty() ? "'{" : " || ',").append('"').append(p.name()).append("\":' || COALESCE(to_json(")
                    .append(value).append(")::text, 'null')");
        }
        properties.append(" || '}'");
        // option 0: no "crs" member; the Content-Crs header names the CRS
        return "SELECT p.id AS id, '{\"type\":\"Feature\",\"id\":' || p.id || ',\"geometry\":' || COALESCE(ST_AsGeoJSON(" + geometry
                + ", " + crs.precision() + ", 0), 'null') || ',\"properties\":' || " + properties + " || '}' AS feature FROM " + c.from();
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
}
