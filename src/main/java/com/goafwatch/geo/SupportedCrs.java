package com.goafwatch.geo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;

/**
 * The coordinate reference systems the service accepts for input, with the coordinate range each
 * can legitimately hold for a site in Shandong (so that projected metres declared as degrees, or
 * Gauss-Krüger coordinates without their zone prefix declared as EPSG:4527, are caught).
 *
 * <p>Axis order is always x/y: longitude/latitude for geographic CRSs, easting/northing for projected
 * ones, as GeoJSON and PostGIS use it.
 */
public enum SupportedCrs {
    /** WGS 84 longitude/latitude (GeoJSON's default, OGC CRS84). */
    WGS84(4326, -180, -90, 180, 90),
    /** CGCS2000 geographic, the Chinese national datum; the storage CRS. */
    CGCS2000(4490, -180, -90, 180, 90),
    /** CGCS2000 / 3-degree Gauss-Krüger CM 117E, no zone prefix in the easting; the area CRS. */
    CGCS2000_GK_CM117(4548, 330_000, 1_900_000, 670_000, 6_000_000),
    /** CGCS2000 / 3-degree Gauss-Krüger zone 39, easting with zone prefix 39. */
    CGCS2000_GK_ZONE39(4527, 39_330_000, 1_900_000, 39_670_000, 6_000_000);

    /** SRID every geometry is stored in. */
    public static final int STORAGE_SRID = 4490;
    /** SRID areas and lengths are measured in. */
    public static final int AREA_SRID = 4548;

    private final int srid;
    private final double minX;
    private final double minY;
    private final double maxX;
    private final double maxY;

    SupportedCrs(int srid, double minX, double minY, double maxX, double maxY) {
        this.srid = srid;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
    }

    public int srid() {
        return srid;
    }

    public boolean isGeographic() {
        return srid == 4326 || srid == 4490;
    }

    public boolean contains(Coordinate c) {
        return Double.isFinite(c.x) && Double.isFinite(c.y)
                && c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY;
    }

    public String rangeText() {
        return String.format(Locale.ROOT, "x %s..%s, y %s..%s", fmt(minX), fmt(maxX), fmt(minY), fmt(maxY));
    }

    public String uri() {
        return srid == 4326 ? "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
                : "http://www.opengis.net/def/crs/EPSG/0/" + srid;
    }

    public String code() {
        return "EPSG:" + srid;
    }

    public static Optional<SupportedCrs> bySrid(int srid) {
        return Arrays.stream(values()).filter(c -> c.srid == srid).findFirst();
    }

    /**
     * Parses {@code EPSG:4548}, {@code 4548}, {@code CRS84}, or an OGC CRS URI. Returns empty for
     * anything else, including well-formed codes of CRSs this service does not accept.
     */
    public static Optional<SupportedCrs> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("CRS84") || upper.endsWith("/OGC/1.3/CRS84") || upper.endsWith("OGC:1.3:CRS84")
                || upper.equals("OGC:CRS84")) {
            return Optional.of(WGS84);
        }
        String digits;
        if (upper.startsWith("EPSG:")) {
            digits = t.substring(5);
        } else if (upper.startsWith("URN:OGC:DEF:CRS:EPSG::")) {
            // legacy GeoJSON "crs" member as GDAL writes it; GDAL keeps x/y order in GeoJSON regardless
            digits = t.substring("urn:ogc:def:crs:EPSG::".length());
        } else if (upper.startsWith("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/")) {
            digits = t.substring("http://www.opengis.net/def/crs/EPSG/0/".length());
        } else {
            digits = t;
        }
        if (!digits.matches("\\d{4,6}")) {
            return Optional.empty();
        }
        return bySrid(Integer.parseInt(digits));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
