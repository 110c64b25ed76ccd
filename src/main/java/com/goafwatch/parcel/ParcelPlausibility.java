package com.goafwatch.parcel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.ProjectExtent;
import com.goafwatch.geo.WkbCodec;
import com.goafwatch.project.ProjectExtentCheck;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;

/**
 * Refuses geometry that is valid but cannot be a parcel of the project: a vertex outside the project's extent (a
 * polygon across the antimeridian, metres declared as degrees, another province) or an area below the minimum (a
 * sliver of 5e-17 m²). PostGIS transforms each vertex to EPSG:4490 and measures the area in EPSG:4548, as for storage.
 */
@Component
class ParcelPlausibility {

    private final JdbcClient jdbc;
    private final ProjectRepository projects;
    private final ParcelProperties properties;

    ParcelPlausibility(JdbcClient jdbc, ProjectRepository projects, ParcelProperties properties) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.properties = properties;
    }

    /** 413 when a batch has more features than an import may hold; checked before any feature is parsed. */
    void requireImportSize(int features) {
        if (features > properties.maxFeaturesPerImport()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too-many-features", "Too many features", "the import holds " + features
                    + " features; at most " + properties.maxFeaturesPerImport() + " per import (goafwatch.parcels.max-features-per-import)"
                    + "; nothing was imported").with("limit", properties.maxFeaturesPerImport());
        }
    }

    /** The implausible drafts, one error each (in the client's coordinates). */
    List<FeatureError> check(long projectId, List<ParcelDraft> drafts) {
        ProjectExtent extent = projects.extent(projectId);
        List<FeatureError> errors = new ArrayList<>();
        for (ParcelDraft d : drafts) {
            Row row = jdbc.sql("SELECT " + ProjectExtentCheck.FIRST_VERTEX_OUTSIDE + """
                     AS outside, ST_Area(ST_Transform(s.g, 4548)) AS area_m2
                    FROM (SELECT ST_GeomFromWKB(?, ?) AS g) s""")
                    .params(extent.minLon(), extent.minLat(), extent.maxLon(), extent.maxLat(), WkbCodec.toWkb(d.geometry()), d.srid())
                    .query((rs, n) -> new Row(rs.getString("outside"), rs.getDouble("area_m2"))).single();
            if (row.outside() != null) {
                errors.add(new FeatureError(d.index(), d.code(), ProjectExtentCheck.reason(extent, row.outside())));
            } else if (row.areaM2() < properties.minAreaM2()) {
                errors.add(new FeatureError(d.index(), d.code(), String.format(Locale.ROOT, "area %.3g m² is below the minimum of %s m² "
                        + "(goafwatch.parcels.min-area-m2)", row.areaM2(), properties.minAreaM2())));
            }
        }
        return errors;
    }

    private record Row(String outside, double areaM2) {
    }
}
