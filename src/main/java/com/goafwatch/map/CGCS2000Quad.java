package com.goafwatch.map;

import java.util.List;

/**
 * CGCS2000Quad: the layout of WorldCRS84Quad (OGC 17-083r4 Annex D) on the Chinese national datum, as Tianditu's
 * geographic "c" matrix set lays it out. CRS EPSG:4490 (geographic, axes Lat, Lon in that order, degrees); origin at
 * the top left corner (90°N, 180°W, written [90, -180] in the CRS's axis order); 256-px tiles; level 0 is 2 columns ×
 * 1 row of 180° × 180° tiles, level z 2^(z+1) × 2^z. Cell size = 180° / 256 / 2^z; scale denominator = cell size ×
 * (2π·a / 360 m per degree, a = 6378137 m, the CGCS2000 semi-major axis) / 0.28 mm — WorldCRS84Quad's numbers,
 * since the WGS 84 and CGCS2000 ellipsoids have the same semi-major axis. Levels 0–23: level 23's cell (8.4·10⁻⁸°,
 * 9 mm on the equator) matches WebMercatorQuad's level 24. No registered URI: the set is this service's.
 */
public final class CGCS2000Quad {

    public static final String ID = "CGCS2000Quad";
    public static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/4490";
    public static final String TITLE = "CGCS2000 geographic quad (WorldCRS84Quad layout on EPSG:4490)";
    /** The CGCS2000 ellipsoid's semi-major axis (EPSG:1024), metres. */
    public static final double SEMI_MAJOR_AXIS = 6378137.0;
    public static final int MAX_LEVEL = 23;

    static final TileMatrixSet SET = new TileMatrixSet(ID, TITLE, null, CRS, 4490, null, List.of("Lat", "Lon"), true, -180, 90,
            180, 2, MAX_LEVEL, 2 * Math.PI * SEMI_MAJOR_AXIS / 360, null);

    private CGCS2000Quad() {
    }
}
