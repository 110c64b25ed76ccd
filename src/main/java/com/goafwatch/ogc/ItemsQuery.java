package com.goafwatch.ogc;

import java.time.Instant;
import java.util.Map;

import com.goafwatch.geo.BoundingBox;

/**
 * A parsed {@code /items} request: output CRS, bounding box (x/y order, in its own CRS; two boxes when it crosses the
 * antimeridian; null when none), page, a
 * closed or open time interval (null ends are open), equality filters on properties and a CQL2 filter (null: none).
 */
record ItemsQuery(OgcCrs crs, java.util.List<BoundingBox> bbox, int limit, long offset, Instant from, Instant to, Map<OgcProperty, String> filters,
        com.goafwatch.cql2.Cql2.Expression filter) {
}
