package com.goafwatch.map;

/**
 * The tile matrix set WebMercatorQuad of OGC 17-083r4 (Two Dimensional Tile Matrix Set, Annex D.1 "Web Mercator
 * Quad"): EPSG:3857, origin at the top left corner, 256-px tiles, 2^z × 2^z tiles at level z. The scale denominators
 * and cell sizes are the standard's table as published, not recomputed, so a client comparing them with its own
 * copy of the definition finds the same numbers; {@code OgcTilesTest} checks them against
 * 2π·6378137 m / 256 / 2^z and the 0.28 mm standard pixel.
 */
public final class WebMercatorQuad {

    public static final String ID = "WebMercatorQuad";
    public static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";
    public static final String TITLE = "Google Maps Compatible for the World";
    public static final String WELL_KNOWN_SCALE_SET = "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible";
    public static final double ORIGIN = 20037508.3427892;
    public static final int TILE_SIZE = 256;

    // 17-083r4 Table D.1, levels 0..24 (TileAddress.MAX_ZOOM): scale denominator, cell size (m)
    private static final double[][] TABLE = {
        {559082264.0287178, 156543.0339280410},
        {279541132.0143589, 78271.51696402048},
        {139770566.0071794, 39135.75848201023},
        {69885283.00358972, 19567.87924100512},
        {34942641.50179486, 9783.939620502561},
        {17471320.75089743, 4891.969810251280},
        {8735660.375448715, 2445.984905125640},
        {4367830.187724357, 1222.992452562820},
        {2183915.093862179, 611.4962262814100},
        {1091957.546931089, 305.7481131407048},
        {545978.7734655447, 152.8740565703525},
        {272989.3867327723, 76.43702828517624},
        {136494.6933663862, 38.21851414258813},
        {68247.34668319309, 19.10925707129406},
        {34123.67334159654, 9.554628535647032},
        {17061.83667079827, 4.777314267823516},
        {8530.918335399136, 2.388657133911758},
        {4265.459167699568, 1.194328566955879},
        {2132.729583849784, 0.5971642834779395},
        {1066.364791924892, 0.2985821417389697},
        {533.1823959624460, 0.1492910708694849},
        {266.5911979812230, 0.07464553543474244},
        {133.2955989906115, 0.03732276771737122},
        {66.64779949530575, 0.01866138385868561},
        {33.32389974765287, 0.009330691929342804},
    };

    static final TileMatrixSet SET = new TileMatrixSet(ID, TITLE, URI, CRS, 3857, WELL_KNOWN_SCALE_SET, java.util.List.of("X", "Y"),
            false, -ORIGIN, ORIGIN, 2 * ORIGIN, 1, TileAddress.MAX_ZOOM, 1, TABLE);

    private WebMercatorQuad() {
    }
}
