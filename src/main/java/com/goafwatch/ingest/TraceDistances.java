package com.goafwatch.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The fiber distances (whole mm) seen in one trace and the line each came on, to find duplicate samples. While the
 * distances rise, as interrogators send them, two primitive arrays (no boxed key and entry per sample); on the first
 * that does not, a hash map built from them takes over.
 */
final class TraceDistances {

    private long[] mm = new long[256];
    private long[] lines = new long[256];
    private int n;
    private Map<Long, Long> map;

    /** Records the distance on {@code line}; returns the line it was seen on before (not recorded again), or -1. */
    long putIfAbsent(long distanceMm, long line) {
        if (map == null) {
            if (n == 0 || distanceMm > mm[n - 1]) {
                if (n == mm.length) {
                    mm = Arrays.copyOf(mm, n * 2);
                    lines = Arrays.copyOf(lines, n * 2);
                }
                mm[n] = distanceMm;
                lines[n++] = line;
                return -1;
            }
            int i = Arrays.binarySearch(mm, 0, n, distanceMm);
            if (i >= 0) {
                return lines[i];
            }
            map = new HashMap<>(n * 2);
            for (int k = 0; k < n; k++) {
                map.put(mm[k], lines[k]);
            }
            mm = null;
            lines = null;
        }
        Long first = map.putIfAbsent(distanceMm, line);
        return first == null ? -1 : first;
    }
}
