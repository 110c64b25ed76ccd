package com.goafwatch.timeseries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one {@code /write} body (line protocol, one point a line) into {@code lanes} bodies by a hash of each line's
 * series key, so that the drainer can have several writes in flight (InfluxDB 1.6 takes points cheapest that way)
 * without giving up "a later value wins": every line of one series (measurement and tag set, the text up to the first
 * unescaped space) goes to the same lane, in the body's order, and within one write InfluxDB keeps the last of equal
 * points. The spool writes a series' tags in one order (sorted), so equal series have equal text. Works on the bytes
 * as they are (no decoding: the drainer is on the hot path); every line is copied once and ends with a line break;
 * empty lines are dropped.
 */
final class SpoolLanes {

    /** One lane's body: the first {@code length} bytes of {@code bytes}, {@code lines} points. */
    record Lane(byte[] bytes, int length, int lines) {
    }

    private SpoolLanes() {
    }

    /** The lanes that received lines, in lane order (an empty lane is left out: no empty write). */
    static List<Lane> split(byte[] body, int length, int lanes) {
        byte[][] out = new byte[lanes][];
        int[] lengths = new int[lanes];
        int[] lines = new int[lanes];
        int guess = length / lanes + length / (4 * lanes) + 64; // a hash spreads evenly: few lanes need to grow
        for (int start = 0; start < length;) {
            int end = start;
            while (end < length && body[end] != '\n') {
                end++;
            }
            if (end > start) {
                int lane = laneOf(body, start, seriesKeyEnd(body, start, end), lanes);
                if (out[lane] == null) {
                    out[lane] = new byte[guess];
                }
                int size = end - start + 1;
                if (lengths[lane] + size > out[lane].length) {
                    out[lane] = Arrays.copyOf(out[lane], Math.max(out[lane].length * 2, lengths[lane] + size));
                }
                System.arraycopy(body, start, out[lane], lengths[lane], end - start);
                out[lane][lengths[lane] + size - 1] = '\n';
                lengths[lane] += size;
                lines[lane]++;
            }
            start = end + 1;
        }
        List<Lane> result = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            if (lines[i] > 0) {
                result.add(new Lane(out[i], lengths[i], lines[i]));
            }
        }
        return result;
    }

    /** Where the series key of the line {@code [from, to)} ends: its first space not escaped by a backslash. */
    static int seriesKeyEnd(byte[] line, int from, int to) {
        int i = from;
        while (i < to) {
            if (line[i] == '\\') {
                i += 2; // as InfluxDB scans a key: a backslash escapes the next byte, whatever it is
            } else if (line[i] == ' ') {
                return i;
            } else {
                i++;
            }
        }
        return to;
    }

    /** The lane of the series key {@code [from, to)}. */
    static int laneOf(byte[] key, int from, int to, int lanes) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + (key[i] & 0xff);
        }
        // MurmurHash3's finaliser: keys that differ in their last digits only still spread over few lanes
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, lanes);
    }
}
