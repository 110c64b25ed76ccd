package com.goafwatch.geo;

import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a parcel geometry before anything is written: polygonal type, non-empty, every coordinate
 * inside the declared CRS's range, and OGC validity (JTS {@link IsValidOp}, which names the first
 * error and its coordinate: self-intersection, ring self-intersection, too few points, hole outside
 * shell, ...). Returns the first problem, or empty when the geometry can be stored.
 */
public final class PolygonChecks {

    private PolygonChecks() {
    }

    public static Optional<GeometryProblem> check(Geometry geometry, SupportedCrs crs) {
        if (!(geometry instanceof Polygon) && !(geometry instanceof MultiPolygon)) {
            return Optional.of(new GeometryProblem("wrong geometry type " + geometry.getGeometryType()
                    + "; a parcel must be a Polygon or MultiPolygon", null));
        }
        if (geometry.isEmpty()) {
            return Optional.of(new GeometryProblem("geometry is empty", null));
        }
        Optional<GeometryProblem> outside = GeoJsonGeometry.checkRange(geometry, crs);
        if (outside.isPresent()) {
            return outside;
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            return Optional.of(new GeometryProblem(error.getMessage().toLowerCase(java.util.Locale.ROOT),
                    error.getCoordinate()));
        }
        return Optional.empty();
    }
}
