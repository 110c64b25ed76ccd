package com.goafwatch.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxSeries;

/**
 * A backtest's fiber history read once: the per-trace rollup rows of every parcel × cable over the whole replayed span
 * (the first cycle's longest look-back through the last cycle), as InfluxDB returned them. Each cycle's reads are then
 * time slices of it ({@link FiberReadings#collectFrom}): the same rows a cycle's own statements would return, because
 * those statements differ only in their time bounds.
 */
final class FiberRollupHistory {

    /** What a slice hands on: one row of a (parcel, cable) series inside the slice; stat null when the row lacks max or count. */
    interface RowConsumer {
        void accept(long parcel, long cable, TraceStat stat);
    }

    /** One (parcel, cable) series: its rows' times ascending and their statistics. */
    private record Series(long parcel, long cable, long[] times, TraceStat[] stats) {
    }

    private final List<Series> series = new ArrayList<>();
    /** parcel → times of its rows that carry a count, ascending (the newest-rollup read is {@code last(count)}) */
    private final Map<Long, long[]> countTimes = new HashMap<>();
    private final int rows;

    FiberRollupHistory(List<InfluxSeries> answer) {
        Map<Long, List<Long>> counted = new HashMap<>();
        int n = 0;
        for (InfluxSeries s : answer) {
            Long parcel = FiberReadings.id(s.tags().get(FiberSeries.TAG_PARCEL));
            Long cable = FiberReadings.id(s.tags().get(FiberSeries.TAG_CABLE));
            if (parcel == null) {
                continue;
            }
            int size = s.rows().size();
            long[] times = new long[size];
            TraceStat[] stats = new TraceStat[size];
            for (int i = 0; i < size; i++) {
                Map<String, Object> r = s.rows().get(i);
                times[i] = InfluxSeries.number(r, "time").longValue();
                stats[i] = FiberReadings.traceStat(r);
                if (InfluxSeries.number(r, FiberSeries.STAT_COUNT) != null) {
                    counted.computeIfAbsent(parcel, k -> new ArrayList<>()).add(times[i]);
                }
            }
            n += size;
            if (cable != null) {
                series.add(new Series(parcel, cable, times, stats));
            }
        }
        counted.forEach((parcel, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            countTimes.put(parcel, sorted);
        });
        rows = n;
    }

    int rows() {
        return rows;
    }

    /**
     * Every row in (afterMs, untilMs], series by series in the answer's order and rows in time order, as a cycle's
     * statement with those bounds returns them; a series with no row there is not visited (InfluxDB omits it).
     */
    void slice(long afterMs, long untilMs, RowConsumer consumer) {
        for (Series s : series) {
            int from = firstAfter(s.times(), afterMs);
            for (int i = from; i < s.times().length && s.times()[i] <= untilMs; i++) {
                consumer.accept(s.parcel(), s.cable(), s.stats()[i]);
            }
        }
    }

    /** parcel → time of its newest counted row in (afterMs, untilMs]. */
    Map<Long, Long> newest(long afterMs, long untilMs) {
        Map<Long, Long> out = new HashMap<>();
        countTimes.forEach((parcel, times) -> {
            int i = firstAfter(times, untilMs) - 1;
            if (i >= 0 && times[i] > afterMs) {
                out.put(parcel, times[i]);
            }
        });
        return out;
    }

    /** Index of the first time strictly after t in ascending times. */
    private static int firstAfter(long[] times, long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
