package com.goafwatch.geo;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Longitude/latitude (CGCS2000, EPSG:4490) → Gauss-Krüger CM 117°E metres (EPSG:4548) in Java, with
 * proj4j and the same PROJ definitions as PostGIS's spatial_ref_sys. Only for computations that run
 * outside the database (the demo simulator's model); stored geometry is always transformed by PostGIS.
 */
public final class GaussKruger {

    private static final CoordinateTransform TO_4548;

    static {
        CRSFactory crs = new CRSFactory();
        CoordinateReferenceSystem geographic = crs.createFromParameters("EPSG:4490", "+proj=longlat +ellps=GRS80 +no_defs");
        CoordinateReferenceSystem projected = crs.createFromParameters("EPSG:4548",
                "+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
        TO_4548 = new CoordinateTransformFactory().createTransform(geographic, projected);
    }

    private GaussKruger() {
    }

    /** @return {easting, northing} in metres */
    public static double[] toCm117(double lon, double lat) {
        ProjCoordinate out = new ProjCoordinate();
        synchronized (TO_4548) {
            TO_4548.transform(new ProjCoordinate(lon, lat), out);
        }
        return new double[] {out.x, out.y};
    }
}
