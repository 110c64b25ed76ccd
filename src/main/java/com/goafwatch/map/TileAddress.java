package com.goafwatch.map;

import com.goafwatch.system.ApiException;

/** A Web Mercator (EPSG:3857) XYZ tile address, checked against the tile matrix of its zoom. */
record TileAddress(int z, int x, int y) {

    /** Deeper than any site plan needs; ST_TileEnvelope itself stops at 31. */
    static final int MAX_ZOOM = 24;

    static TileAddress of(int z, int x, int y) {
        if (z < 0 || z > MAX_ZOOM) {
            throw ApiException.badRequest("tile-out-of-range", "zoom " + z + " is outside 0.." + MAX_ZOOM);
        }
        long size = 1L << z;
        if (x < 0 || x >= size || y < 0 || y >= size) {
            throw ApiException.badRequest("tile-out-of-range",
                    "tile " + z + "/" + x + "/" + y + " is outside the zoom-" + z + " matrix (x and y in 0.." + (size - 1) + ")");
        }
        return new TileAddress(z, x, y);
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
