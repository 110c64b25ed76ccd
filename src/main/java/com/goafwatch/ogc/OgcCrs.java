package com.goafwatch.ogc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.goafwatch.geo.SupportedCrs;

/**
 * The CRSs offered by the OGC API, each by its URI. Unlike GeoJSON and the rest of our API, OGC API
 * Part 2 uses the axis order the CRS defines: latitude first for EPSG:4490 and EPSG:4326, northing
 * first for EPSG:4548; only CRS84 is longitude first.
 */
enum OgcCrs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", SupportedCrs.WGS84, false),
    CGCS2000("http://www.opengis.net/def/crs/EPSG/0/4490", SupportedCrs.CGCS2000, true),
    CGCS2000_GK_CM117("http://www.opengis.net/def/crs/EPSG/0/4548", SupportedCrs.CGCS2000_GK_CM117, true),
    WGS84_LAT_LON("http://www.opengis.net/def/crs/EPSG/0/4326", SupportedCrs.WGS84, true);

    static final OgcCrs STORAGE = CGCS2000;

    private final String uri;
    private final SupportedCrs crs;
    private final boolean northingFirst;

    OgcCrs(String uri, SupportedCrs crs, boolean northingFirst) {
        this.uri = uri;
        this.crs = crs;
        this.northingFirst = northingFirst;
    }

    String uri() {
        return uri;
    }

    SupportedCrs crs() {
        return crs;
    }

    /** True when the CRS's first axis is latitude or northing, so x/y must be swapped on the way in and out. */
    boolean northingFirst() {
        return northingFirst;
    }

    /**
     * Decimal places that keep about a centimetre, the limit of any survey behind these geometries: 7 of a degree
     * (1.1 cm of latitude), 2 of a metre. More digits only make the GeoJSON longer (about a third for parcels).
     */
    int precision() {
        return crs.isGeographic() ? 7 : 2;
    }

    static List<String> uris() {
        return Arrays.stream(values()).map(OgcCrs::uri).toList();
    }

    /** The URI, or the short forms {@code EPSG:4490} / {@code CRS84} / {@code [EPSG:4490]} (safe CURIE). */
    static Optional<OgcCrs> parse(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        String normal = t.equalsIgnoreCase("CRS84") || t.equalsIgnoreCase("OGC:CRS84") ? CRS84.uri
                : t.toUpperCase(java.util.Locale.ROOT).startsWith("EPSG:") ? "http://www.opengis.net/def/crs/EPSG/0/" + t.substring(5) : t;
        return Arrays.stream(values()).filter(c -> c.uri.equals(normal)).findFirst();
    }
}
