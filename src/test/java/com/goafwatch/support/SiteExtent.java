package com.goafwatch.support;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The extent of a project's parcels, cables and markers, for tests that walk every tile over a site. */
public final class SiteExtent {

    private SiteExtent() {
    }

    /** [minX, minY, maxX, maxY] of the project's features in {@code srid}, computed by PostGIS from the tables. */
    public static List<Double> of(JdbcClient jdbc, long projectId, int srid) {
        return jdbc.sql("""
                SELECT unnest(ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]) FROM (SELECT ST_Extent(ST_Transform(g, ?)) e FROM (
                    SELECT geom g FROM parcel WHERE project_id = ? UNION ALL SELECT COALESCE(route, top_point) FROM cable WHERE project_id = ?
                    UNION ALL SELECT location FROM point_sensor WHERE project_id = ?) u) x""")
                .params(srid, projectId, projectId, projectId).query(Double.class).list();
    }
}
