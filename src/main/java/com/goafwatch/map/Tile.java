package com.goafwatch.map;

/**
 * One encoded tile and the layer version it was cut from (both read in the same statement), and whether the caller's
 * remembered token held in that statement (true when there was none to confirm).
 */
record Tile(long version, byte[] mvt, boolean tokenHeld) {

    boolean isEmpty() {
        return mvt == null || mvt.length == 0;
    }
}
