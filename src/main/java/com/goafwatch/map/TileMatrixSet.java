package com.goafwatch.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A tile matrix set (OGC 17-083r4, Two Dimensional Tile Matrix Set) with a quad-tree layout: a top-left origin, 256-px
 * tiles, {@code columns0 × 1} tiles at level 0, each level halving the tile span. Coordinates here are in x (east),
 * y (north) order; {@link #pointOfOrigin()} and the corners are also given in the CRS's own axis order for the
 * documents, because 17-083r4 expresses them in {@code orderedAxes} order (latitude first for EPSG:4490).
 *
 * @param uri           the set's registered URI, null when it has none
 * @param srid          the PostGIS SRID tiles are cut in
 * @param latitudeFirst the CRS's first axis is northing/latitude
 * @param tileSpan0     span of a level-0 tile in CRS units
 * @param metresPerUnit metres of one CRS unit on the equator, for the scale denominator
 * @param published     the standard's table of (scale denominator, cell size) per level when the set is one of its
 *                      common sets (so clients comparing find the same digits), else null: computed
 */
public record TileMatrixSet(String id, String title, String uri, String crs, int srid, String wellKnownScaleSet,
        List<String> orderedAxes, boolean latitudeFirst, double west, double north, double tileSpan0, int columns0,
        int maxLevel, double metresPerUnit, double[][] published) {

    public static final int TILE_SIZE = 256;
    /** The standardized rendering pixel of 17-083r4 (and WMTS): 0.28 mm. */
    public static final double PIXEL_METRES = 0.00028;

    /** One level: its id, scale denominator, cell size (CRS units per pixel) and tiles across and down. */
    public record Level(int zoom, double scaleDenominator, double cellSize, long matrixWidth, long matrixHeight) {
    }

    /** Every set offered, WebMercatorQuad first (the web map's). A method, not a constant: the sets' classes build them. */
    public static List<TileMatrixSet> all() {
        return List.of(WebMercatorQuad.SET, CGCS2000Quad.SET);
    }

    public static Optional<TileMatrixSet> byId(String id) {
        return all().stream().filter(s -> s.id.equals(id)).findFirst();
    }

    public long matrixWidth(int level) {
        return (long) columns0 << level;
    }

    public long matrixHeight(int level) {
        return 1L << level;
    }

    public double cellSize(int level) {
        return published != null ? published[level][1] : tileSpan0 / TILE_SIZE / Math.pow(2, level);
    }

    public double scaleDenominator(int level) {
        return published != null ? published[level][0] : cellSize(level) * metresPerUnit / PIXEL_METRES;
    }

    public List<Level> levels() {
        List<Level> levels = new ArrayList<>();
        for (int z = 0; z <= maxLevel; z++) {
            levels.add(new Level(z, scaleDenominator(z), cellSize(z), matrixWidth(z), matrixHeight(z)));
        }
        return levels;
    }

    /** The top-left corner in the CRS's axis order. */
    public double[] pointOfOrigin() {
        return ordered(west, north);
    }

    /** The lower and upper corners of the level-0 matrix in the CRS's axis order. */
    public double[] lowerCorner() {
        return ordered(west, north - tileSpan0);
    }

    public double[] upperCorner() {
        return ordered(west + tileSpan0 * columns0, north);
    }

    private double[] ordered(double x, double y) {
        return latitudeFirst ? new double[] {y, x} : new double[] {x, y};
    }

    /**
     * SQL of the tile envelope of parameters {@code z, x, y} (integer expressions), grown by {@code margin} of the tile
     * span: ST_TileEnvelope on square bounds whose level-0 tile is this set's. A set with 2 columns at level 0 is level
     * 1 of a square twice as tall (bounds reaching below the set's south edge), whose rows past the set's are never
     * addressed (TileAddress refuses them).
     */
    String envelopeSql(String z, String x, String y, String margin) {
        int levelOffset = Integer.numberOfTrailingZeros(columns0);
        double side = tileSpan0 * columns0;
        return String.format(Locale.ROOT, "ST_TileEnvelope(%s + %d, %s, %s, ST_MakeEnvelope(%s, %s, %s, %s, %d), margin => %s)", z,
                levelOffset, x, y, west, north - side, west + side, north, srid, margin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileMatrixSet other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
