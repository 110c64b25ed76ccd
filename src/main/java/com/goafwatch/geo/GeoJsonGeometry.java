package com.goafwatch.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Reads a GeoJSON geometry object into JTS, without assuming any CRS (the caller declares it). */
public final class GeoJsonGeometry {

    private GeoJsonGeometry() {
    }

    /**
     * @throws IllegalArgumentException with JTS's reason: unclosed ring, too few points, non-numeric
     *                                  or missing coordinates
     */
    public static Geometry read(String geoJson) {
        try {
            return new GeoJsonReader(WkbCodec.factory()).read(geoJson);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("invalid ring or coordinates: " + e.getMessage(), e);
        }
    }

    /** Every coordinate inside the CRS's range, else the first one outside. */
    public static java.util.Optional<GeometryProblem> checkRange(Geometry geometry, SupportedCrs crs) {
        for (org.locationtech.jts.geom.Coordinate c : geometry.getCoordinates()) {
            if (!crs.contains(c)) {
                return java.util.Optional.of(new GeometryProblem("coordinate outside the range of " + crs.code()
                        + " (" + crs.rangeText() + ")", c));
            }
        }
        return java.util.Optional.empty();
    }
}
