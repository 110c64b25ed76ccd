package com.goafwatch.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.goafwatch.security.TokenProof;

/**
 * Cuts tiles with {@code ST_AsMVT}; the layer version, and the caller's token when it is to be confirmed, come from the
 * same snapshot as the features.
 */
@Repository
class TileRepository {

    private final JdbcClient jdbc;

    TileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long version(TileLayer layer) {
        return jdbc.sql("SELECT version FROM map_layer_version WHERE layer = ?").param(layer.versionKey()).query(Long.class).single();
    }

    /**
     * @param projects projects whose features the caller may see (null: all)
     * @param project one project to restrict to (null: every visible one)
     * @param proof the caller's remembered token to confirm in the same statement (null: none)
     */
    Tile tile(TileLayer layer, TileAddress at, Set<Long> projects, Long project, TokenProof proof) {
        List<Object> params = new ArrayList<>(List.of(at.z(), at.x(), at.y(), layer.versionKey(), layer.urlName()));
        StringBuilder filter = new StringBuilder();
        if (projects != null) {
            filter.append(" AND ").append(layer.projectColumn()).append(" = ANY (?)");
            params.add(projects.toArray(Long[]::new));
        }
        if (project != null) {
            filter.append(" AND ").append(layer.projectColumn()).append(" = ?");
            params.add(project);
        }
        String sql = sql(at.set(), layer, filter.toString());
        if (proof != null) {
            sql = "SELECT tile.*" + TokenProof.column(proof, params) + " FROM (" + sql + ") tile";
        }
        return jdbc.sql(sql).params(params)
                .query((rs, i) -> new Tile(rs.getLong("version"), rs.getBytes("mvt"), TokenProof.held(proof, rs)))
                .single();
    }

    /**
     * West, south, east, north (CRS84) of the parcels, cables and markers of the projects (null: all) or of one project;
     * null when there are none.
     */
    double[] extent(Set<Long> projects, Long project) {
        List<Object> params = new ArrayList<>();
        StringBuilder filter = new StringBuilder(" WHERE true");
        if (projects != null) {
            filter.append(" AND project_id = ANY (?)");
            params.add(projects.toArray(Long[]::new));
        }
        if (project != null) {
            filter.append(" AND project_id = ?");
            params.add(project);
        }
        return jdbc.sql("""
                SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (
                    SELECT ST_Extent(ST_Transform(g, 4326)) AS e FROM (
                        SELECT geom AS g, project_id FROM parcel
                        UNION ALL SELECT COALESCE(route, top_point), project_id FROM cable
                        UNION ALL SELECT location, project_id FROM point_sensor) u""" + filter + ") x")
                .params(params)
                .query((rs, i) -> rs.getObject("w") == null ? null
                        : new double[] {rs.getDouble("w"), rs.getDouble("s"), rs.getDouble("e"), rs.getDouble("n")})
                .list().get(0); // an aggregate: always one row
    }

    /**
     * The statement behind a WebMercatorQuad tile: parameters z, x, y, version key, layer name, then those of the filter.
     * Package-visible for TileBenchmark, which runs the same SQL bare to measure what the service adds.
     */
    static String sql(TileLayer layer, String projectFilter) {
        return sql(WebMercatorQuad.SET, layer, projectFilter);
    }

    /**
     * The statement behind a tile of {@code set}, parameters as above: {@code env} is the tile in the set's CRS, where
     * ST_AsMVTGeom's bounds, 4096 extent and 64-unit buffer apply; features are selected by the envelope grown by that
     * buffer (64/4096 of the tile's width), in the storage CRS so the spatial index is used, so a stroke that only enters
     * the buffer is still drawn to the seam.
     */
    static String sql(TileMatrixSet set, TileLayer layer, String projectFilter) {
        // the same few texts every time (set x layer x one of four filters): formatted once, not per tile
        return SQL.computeIfAbsent(set.id() + "|" + layer + "|" + projectFilter, k -> format(set, layer, projectFilter));
    }

    private static final Map<String, String> SQL = new ConcurrentHashMap<>();

    private static String format(TileMatrixSet set, TileLayer layer, String projectFilter) {
        return """
                WITH a AS (SELECT ?::int AS z, ?::int AS x, ?::int AS y),
                     g AS (SELECT %s AS env, ST_Transform(%s, 4490) AS env_geo FROM a)
                SELECT (SELECT version FROM map_layer_version WHERE layer = ?) AS version,
                       (SELECT ST_AsMVT(t, ?, 4096, 'geom', 'id') FROM (
                           SELECT * FROM (%s) f WHERE f.geom IS NOT NULL) t) AS mvt
                """.formatted(set.envelopeSql("a.z", "a.x", "a.y", "0"), set.envelopeSql("a.z", "a.x", "a.y", "64.0 / 4096"),
                layer.featureSql(projectFilter));
    }
}
