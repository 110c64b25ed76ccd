package com.goafwatch.evaluation;

import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;

import com.goafwatch.geo.LeastSquaresRate;
import com.goafwatch.threshold.Statistic;

/**
 * The arithmetic of evaluation, free of InfluxDB: how the per-trace statistics and marker series read by
 * {@link FiberReadings} and {@link MarkerReadings} become one value in the rule's unit. Conventions:
 * strain in µε tension positive, divided by the cable's coupling coefficient to become ground strain;
 * settlement in mm positive downward; rates per day. {@code max} judges the value, {@code min} its
 * negation (compression, uplift), {@code max_abs} its magnitude. Empty inputs give null, never zero.
 */
final class Reducers {

    private static final double MS_PER_DAY = 86_400_000.0;

    private Reducers() {
    }

    /** The value a trace is judged by, and which end of it ({@code max} or {@code min}) that was. */
    record Extreme(double value, String selector) {
    }

    /** One trace's extreme in the rule's sense, from its largest and smallest sample along the fiber. */
    static Extreme extreme(Statistic statistic, double highest, double lowest, double coupling) {
        return switch (statistic) {
            case MAX -> new Extreme(highest / coupling, "max");
            case MIN -> new Extreme(-lowest / coupling, "min");
            default -> new Extreme(Math.max(Math.abs(highest), Math.abs(lowest)) / coupling,
                    Math.abs(highest) >= Math.abs(lowest) ? "max" : "min");
        };
    }

    /** A signed value judged in the rule's sense. */
    static double signed(Statistic statistic, double value) {
        return switch (statistic) {
            case MAX -> value;
            case MIN -> -value;
            default -> Math.abs(value);
        };
    }

    /** Aggregates of one trace's samples (strain as along the fiber; temperatures NaN when not carried). */
    static TraceStat statsOf(long bucketMs, List<FiberReadings.RawSample> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        double tMax = Double.NEGATIVE_INFINITY;
        double tMin = Double.POSITIVE_INFINITY;
        double tSum = 0;
        int tN = 0;
        for (FiberReadings.RawSample s : samples) {
            max = Math.max(max, s.strain());
            min = Math.min(min, s.strain());
            sum += s.strain();
            if (Double.isFinite(s.temperature())) {
                tMax = Math.max(tMax, s.temperature());
                tMin = Math.min(tMin, s.temperature());
                tSum += s.temperature();
                tN++;
            }
        }
        return new TraceStat(bucketMs, max, min, sum / samples.size(), samples.size(), tN == 0 ? null : tMax, tN == 0 ? null : tMin,
                tN == 0 ? null : tSum / tN);
    }

    /** InfluxDB's percentile: the value at rank ceil(p/100 × n) of the ascending values; null when empty. */
    static Double percentile(double[] ascending, double p) {
        if (ascending.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * ascending.length);
        return ascending[Math.max(0, Math.min(ascending.length - 1, rank - 1))];
    }

    /** Metres of fiber over a limit: the over-limit share of a trace's samples times the fiber length in the parcel. */
    static double lengthOverM(double overCount, long sampleCount, double fiberLengthM) {
        return sampleCount == 0 ? 0 : overCount / sampleCount * fiberLengthM;
    }

    /**
     * The rate of a series over its latest readings: least squares over the readings from the newest back
     * to the first that makes them span at least {@code minSpanDays} (at least two readings); null when
     * the whole series spans less.
     */
    static Double latestRatePerDay(NavigableMap<Long, Double> series, double minSpanDays) {
        NavigableMap<Long, Double> used = latestReadings(series, minSpanDays);
        return used == null ? null : LeastSquaresRate.perDay(used);
    }

    /** The readings {@link #latestRatePerDay} uses: from the newest back to the first that spans the days; null when none does. */
    static NavigableMap<Long, Double> latestReadings(NavigableMap<Long, Double> series, double minSpanDays) {
        if (series.size() < 2) {
            return null;
        }
        long newest = series.lastKey();
        Long from = series.floorKey(newest - Math.round(minSpanDays * MS_PER_DAY));
        return from == null || from == newest ? null : series.tailMap(from, true);
    }

    /**
     * The traces a fiber strain rate is fitted to: from the newest back to the first that makes them span at
     * least {@code minSpanDays} (like {@link #latestReadings}); when the history read spans less, all of it once
     * it spans {@code fallbackSpanMs} (one reading interval: a new cable, a window of about one interval). More
     * than {@code maxTraces} are thinned evenly in time order, the oldest and the newest kept, so that the raw
     * samples read stay bounded whatever the cadence (hourly traces over a week would be 168). Empty when no
     * two traces qualify.
     */
    static long[] rateTraces(NavigableSet<Long> traceTimes, double minSpanDays, long fallbackSpanMs, int maxTraces) {
        if (traceTimes.size() < 2 || maxTraces < 2) {
            return new long[0];
        }
        long newest = traceTimes.last();
        Long from = traceTimes.floor(newest - Math.round(minSpanDays * MS_PER_DAY));
        NavigableSet<Long> used;
        if (from != null && from != newest) {
            used = traceTimes.tailSet(from, true);
        } else if (newest - traceTimes.first() >= fallbackSpanMs) {
            used = traceTimes;
        } else {
            return new long[0];
        }
        long[] all = used.stream().mapToLong(Long::longValue).toArray();
        if (all.length <= maxTraces) {
            return all;
        }
        long[] thinned = new long[maxTraces];
        for (int i = 0; i < maxTraces; i++) {
            thinned[i] = all[(int) Math.round(i * (all.length - 1) / (double) (maxTraces - 1))];
        }
        return thinned;
    }

    /**
     * One fiber position's least-squares strain rate per day over the chosen traces; NaN marks a trace that
     * did not carry the position. Null with fewer than two values or when they span less than {@code minSpanMs}.
     */
    static Double rateOverTraces(long[] timesMs, double[] values, long minSpanMs) {
        int n = 0;
        for (double v : values) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        if (n < 2) {
            return null;
        }
        long[] t = new long[n];
        double[] v = new double[n];
        int j = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                t[j] = timesMs[i];
                v[j++] = values[i];
            }
        }
        return t[n - 1] - t[0] < minSpanMs ? null : LeastSquaresRate.perDay(t, v);
    }

    /** Change within the window: the newest value minus the oldest in it (movement-ended tests); null when empty. */
    static Double changeWithinWindow(NavigableMap<Long, Double> series) {
        return series.isEmpty() ? null : series.lastEntry().getValue() - series.firstEntry().getValue();
    }

    /** Total since the baseline: the series is already relative to it; the extreme value in the rule's sense. */
    static Double totalSinceBaseline(NavigableMap<Long, Double> relativeToBaseline, Statistic statistic) {
        return relativeToBaseline.values().stream().map(v -> signed(statistic, v)).max(Double::compare).orElse(null);
    }
}
