package com.goafwatch.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The single path by which geometries cross the JDBC boundary: ISO WKB bytes, with the SRID carried
 * separately and made explicit in SQL ({@code ST_GeomFromWKB(?, ?)}), never implied.
 */
public final class WkbCodec {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel());

    private WkbCodec() {
    }

    public static byte[] toWkb(Geometry geometry) {
        return new WKBWriter(2).write(geometry);
    }

    public static Geometry fromWkb(byte[] wkb) {
        try {
            return new WKBReader(FACTORY).read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    public static GeometryFactory factory() {
        return FACTORY;
    }
}
