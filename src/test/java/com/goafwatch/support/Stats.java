package com.goafwatch.support;

import java.util.Arrays;

/** Summaries of a benchmark's repeated timings (median, min, max), the same for every benchmark. */
public final class Stats {

    private Stats() {
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    public static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
