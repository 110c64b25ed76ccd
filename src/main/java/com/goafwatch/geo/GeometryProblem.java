package com.goafwatch.geo;

import org.locationtech.jts.geom.Coordinate;

/**
 * Why a geometry was refused, with the offending coordinate where there is one (x/y in the CRS the
 * client used).
 */
public record GeometryProblem(String reason, Coordinate at) {

    public String describe() {
        return at == null ? reason : reason + " at (" + at.x + " " + at.y + ")";
    }
}
