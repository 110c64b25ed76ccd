package com.goafwatch.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cuts tiles with {@code ST_AsMVT}; the layer version comes from the same snapshot as the features. */
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
     */
    Tile tile(TileLayer layer, TileAddress at, Set<Long> projects, Long project) {
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
        return jdbc.sql(sql(layer, filter.toString())).params(params)
                .query((rs, i) -> new Tile(rs.getLong("version"), rs.getBytes("mvt"))).single();
    }

    /**
     * The statement behind a tile: parameters z, x, y, version key, layer name, then those of the filter.
     * Package-visible for TileBenchmark, which runs the same SQL bare to measure what the service adds.
     */
    static String sql(TileLayer layer, String projectFilter) {
        return """
                WITH a AS (SELECT ?::int AS z, ?::int AS x, ?::int AS y),
                     -- features are selected by the envelope grown by the 64-px buffer ST_AsMVTGeom keeps, so a stroke
                     -- that only enters the buffer is still drawn to the seam (64/4096 of the tile's width)
                     g AS (SELECT ST_TileEnvelope(a.z, a.x, a.y) AS env,
                                  ST_Transform(ST_TileEnvelope(a.z, a.x, a.y, margin => 64.0 / 4096), 4490) AS env_geo FROM a)
                SELECT (SELECT version FROM map_layer_version WHERE layer = ?) AS version,
                       (SELECT ST_AsMVT(t, ?, 4096, 'geom', 'id') FROM (
                           SELECT * FROM (%s) f WHERE f.geom IS NOT NULL) t) AS mvt
                """.formatted(layer.featureSql(projectFilter));
    }
}
