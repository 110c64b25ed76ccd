package com.goafwatch.map;

/** One encoded tile and the layer version it was cut from (both read in the same statement). */
record Tile(long version, byte[] mvt) {

    boolean isEmpty() {
        return mvt == null || mvt.length == 0;
    }
}
