package com.goafwatch.map;

import org.springframework.http.HttpStatus;

import com.goafwatch.system.ApiException;

/** A tile address in a tile matrix set: level z, column x, row y (from the top left), checked against that level's matrix. */
record TileAddress(TileMatrixSet set, int z, int x, int y) {

    /** WebMercatorQuad's deepest level: deeper than any site plan needs; ST_TileEnvelope itself stops at 31. */
    static final int MAX_ZOOM = 24;

    /** A Web Mercator XYZ address of {@code /tiles}; outside the matrix is a 400 there. */
    static TileAddress of(int z, int x, int y) {
        if (z < 0 || z > MAX_ZOOM) {
            throw ApiException.badRequest("tile-out-of-range", "zoom " + z + " is outside 0.." + MAX_ZOOM);
        }
        long size = 1L << z;
        if (x < 0 || x >= size || y < 0 || y >= size) {
            throw ApiException.badRequest("tile-out-of-range",
                    "tile " + z + "/" + x + "/" + y + " is outside the zoom-" + z + " matrix (x and y in 0.." + (size - 1) + ")");
        }
        return new TileAddress(WebMercatorQuad.SET, z, x, y);
    }

    /** An OGC API address in {@code set}; a level, row or column outside the set is a 404 there (no such tile). */
    static TileAddress in(TileMatrixSet set, int z, int row, int col) {
        if (z < 0 || z > set.maxLevel() || col < 0 || row < 0 || col >= set.matrixWidth(z) || row >= set.matrixHeight(z)) {
            String matrix = z < 0 || z > set.maxLevel() ? ""
                    : " (level " + z + ": rows 0.." + (set.matrixHeight(z) - 1) + ", columns 0.." + (set.matrixWidth(z) - 1) + ")";
            throw new ApiException(HttpStatus.NOT_FOUND, "tile-out-of-range", "No such tile", "tile " + z + "/" + row + "/" + col
                    + " (tileMatrix/tileRow/tileCol) is outside " + set.id() + " levels 0.." + set.maxLevel() + " or its level's matrix"
                    + matrix);
        }
        return new TileAddress(set, z, col, row);
    }

    @Override
    public String toString() {
        return set.id() + " " + z + "/" + x + "/" + y;
    }
}
