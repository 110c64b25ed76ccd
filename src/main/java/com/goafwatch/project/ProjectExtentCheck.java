package com.goafwatch.project;

import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.geo.ProjectExtent;
import com.goafwatch.geo.WkbCodec;

/**
 * Refuses geometry of a project — cables, sensors, borehole collars, goaf panels, parcels — with a vertex outside the
 * project's extent: an antimeridian-crossing route, metres declared as degrees or another province's coordinates would
 * otherwise be stored, drawn and evaluated as part of the site. PostGIS transforms each vertex to EPSG:4490, as for
 * storage, so the check sees what would be written.
 */
@Component
public class ProjectExtentCheck {

    /**
     * The first vertex of geometry {@code g} not covered by the envelope given as the four placeholders before it, as
     * "x y" in the client's coordinates (null when every vertex lies inside): one SQL expression, so that a caller can
     * ask it beside other questions in one statement.
     */
    public static final String FIRST_VERTEX_OUTSIDE = """
            (SELECT ST_X(p.geom) || ' ' || ST_Y(p.geom) FROM ST_DumpPoints(g) p
             WHERE NOT ST_Covers(ST_MakeEnvelope(?, ?, ?, ?, 4490), ST_Transform(p.geom, 4490)) LIMIT 1)""";

    private final JdbcClient jdbc;
    private final ProjectRepository projects;

    ProjectExtentCheck(JdbcClient jdbc, ProjectRepository projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    /** Why {@code geometry} (in {@code srid}) cannot belong to the project, or empty when it lies within its extent. */
    public Optional<String> refusal(long projectId, Geometry geometry, int srid) {
        ProjectExtent extent = projects.extent(projectId);
        String outside = jdbc.sql("SELECT " + FIRST_VERTEX_OUTSIDE + " FROM (SELECT ST_GeomFromWKB(?, ?) AS g) s")
                .params(extent.minLon(), extent.minLat(), extent.maxLon(), extent.maxLat(), WkbCodec.toWkb(geometry), srid)
                .query((rs, n) -> rs.getString(1)).list().get(0); // one row; null when inside
        return Optional.ofNullable(outside).map(vertex -> reason(extent, vertex));
    }

    /** The refusal of a vertex ("x y", client coordinates) outside {@code extent}. */
    public static String reason(ProjectExtent extent, String vertex) {
        return "coordinate (" + vertex + ") lies outside the project's extent " + extent.describe()
                + " (set the project's extent if the site really lies there)";
    }
}
