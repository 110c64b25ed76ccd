package com.goafwatch.geo;

import java.util.Map;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The one least-squares rate of the service (threshold evaluation, monitoring charts and acceptance all
 * use it): the slope of the ordinary least-squares line through (time, value), in value units per day.
 * Times are epoch milliseconds; the result keeps the values' sign convention (settlement positive
 * downward gives a positive rate while the ground goes down). Fewer than two distinct times: null.
 */
public final class LeastSquaresRate {

    private static final double MS_PER_DAY = 86_400_000.0;

    private LeastSquaresRate() {
    }

    /** Slope per day of the points (time ms → value), null with fewer than two distinct times. */
    public static Double perDay(Map<Long, Double> valuesByTimeMs) {
        if (valuesByTimeMs.isEmpty()) {
            return null;
        }
        long t0 = valuesByTimeMs.keySet().iterator().next();
        SimpleRegression regression = new SimpleRegression();
        // days since the first point: keeps the sums small, so epoch-sized times lose no precision
        valuesByTimeMs.forEach((t, v) -> regression.addData((t - t0) / MS_PER_DAY, v));
        return slope(regression);
    }

    /** Slope per day of parallel arrays of times (ms) and values. */
    public static Double perDay(long[] timesMs, double[] values) {
        if (timesMs.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        if (timesMs.length == 0) {
            return null;
        }
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < timesMs.length; i++) {
            regression.addData((timesMs[i] - timesMs[0]) / MS_PER_DAY, values[i]);
        }
        return slope(regression);
    }

    private static Double slope(SimpleRegression regression) {
        double slope = regression.getN() < 2 ? Double.NaN : regression.getSlope();
        return Double.isFinite(slope) ? slope : null;
    }
}
