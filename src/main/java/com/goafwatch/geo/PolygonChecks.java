package com.goafwatch.geo;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import tools.jackson.databind.JsonNode;

/**
 * Checks a parcel geometry before anything is written: polygonal type, non-empty, every coordinate
 * inside the declared CRS's range, and OGC validity (JTS {@link IsValidOp}, which names the first
 * error and its coordinate: self-intersection, ring self-intersection, too few points, hole outside
 * shell, ...). Returns the first problem, or empty when the geometry can be stored.
 */
public final class PolygonChecks {

    private PolygonChecks() {
    }

    /**
     * A GeoJSON polygon geometry of a feature read and checked: its structure, then the JTS geometry, then
     * {@link #check}. The first failure goes to {@code reasons} and null is returned; the caller has checked the type.
     */
    public static Geometry read(JsonNode node, SupportedCrs crs, List<String> reasons) {
        Optional<String> structure = GeoJsonStructure.problem(node);
        if (structure.isPresent()) {
            reasons.add(structure.get());
            return null;
        }
        Geometry geometry;
        try {
            geometry = GeoJsonGeometry.read(node.toString());
        } catch (IllegalArgumentException e) {
            reasons.add(e.getMessage());
            return null;
        }
        check(geometry, crs).map(GeometryProblem::describe).ifPresent(reasons::add);
        return geometry;
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
