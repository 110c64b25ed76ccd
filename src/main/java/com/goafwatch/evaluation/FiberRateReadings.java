package com.goafwatch.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.RateBins;

/**
 * The InfluxDB side of fiber strain rates. From the trace times the per-trace rollups gave, each cable's rate uses the
 * latest traces spanning the window, thinned to at most {@code rateTraces} ({@link Reducers#rateTraces}). Those traces
 * are read from the position-bin rollups written at ingestion ({@link RateBins}: one short row per parcel and trace,
 * whatever the fiber's length in it), one statement per distinct trace time. A chosen trace that has no bin rollup —
 * written before the rollup existed — is read raw in a further round trip, only then, and its samples binned here the
 * same way (or, when none of the cable's chosen traces has bins, kept per sample as before the rollup).
 */
final class FiberRateReadings {

    private final String parcelFilter;
    private final int rateTraces;
    /** rate span → the rule window (days) its traces must span */
    final Map<Long, Double> windows = new TreeMap<>();
    /** rate span → cable → the trace times its rate is fitted to, ascending */
    final Map<Long, Map<Long, long[]>> traceTimes = new HashMap<>();
    /** rate span → parcel → cable → place (bin start or sample position, mm) → its strain per rate trace */
    final Map<Long, Map<Long, Map<Long, Map<Long, PlaceTraces>>>> places = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> binHandles = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> rawHandles = new HashMap<>();
    /** cable → bin size (mm) of its rollups */
    private final Map<Long, Long> binMmByCable = new HashMap<>();
    /** rate span → cable → the chosen trace times that had bins */
    private final Map<Long, Map<Long, Set<Long>>> binned = new HashMap<>();

    /**
     * One place's strain in each of its cable's rate traces (NaN where a trace lacks it), the samples behind each value,
     * and where it is (mean fiber distance and chainage in the newest trace).
     *
     * @param binM the bin length (m); 0 when the values are single samples
     */
    record PlaceTraces(double[] strain, long[] counts, double[] chainageAndDistance, double binM) {

        static PlaceTraces empty(int traces, double binM) {
            double[] strain = new double[traces];
            Arrays.fill(strain, Double.NaN);
            return new PlaceTraces(strain, new long[traces], new double[] {Double.NaN, Double.NaN}, binM);
        }

        /** Adds {@code n} samples of mean {@code mean} to trace {@code i} (parts of a bin sent in several batches merge). */
        void add(int i, double mean, long n) {
            long before = counts[i];
            strain[i] = before == 0 ? mean : (strain[i] * before + mean * n) / (before + n);
            counts[i] = before + n;
        }
    }

    FiberRateReadings(String parcelFilter, int rateTraces) {
        this.parcelFilter = parcelFilter;
        this.rateTraces = rateTraces;
    }

    private static String q(String identifier) {
        return InfluxQl.identifier(identifier);
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }

    /**
     * Chooses each cable's rate traces from the trace times read (rollups, and raw samples of baselined subjects) and adds
     * the statements reading their bins. @return whether anything is to be read
     */
    boolean planBins(StatementBatch batch, java.util.function.LongFunction<Map<Long, TreeSet<Long>>> timesByCableOfSpan,
            MonitoringLayout layout) {
        windows.forEach((w, windowDays) -> {
            Map<Long, long[]> chosen = new HashMap<>();
            Map<Long, Set<Long>> cablesByTime = new TreeMap<>();
            timesByCableOfSpan.apply(w).forEach((cable, times) -> {
                MonitoringLayout.CableRef ref = layout.cables().get(cable);
                long[] used = Reducers.rateTraces(times, windowDays, ref == null ? 0 : ref.intervalSeconds() * 1000, rateTraces);
                if (used.length >= 2) {
                    chosen.put(cable, used);
                    for (long t : used) {
                        cablesByTime.computeIfAbsent(t, k -> new TreeSet<>()).add(cable);
                    }
                }
            });
            traceTimes.put(w, chosen);
            Set<Long> newestTimes = new TreeSet<>();
            chosen.values().forEach(times -> newestTimes.add(times[times.length - 1]));
            Map<Long, Integer> handles = new HashMap<>();
            // where a bin lies is read only from the newest trace (the place of the fastest bin is reported as of then)
            cablesByTime.forEach((time, cables) -> handles.put(time, batch.add("SELECT " + q(RateBins.FIELD_BIN_M) + ", "
                    + q(RateBins.FIELD_MEANS) + (newestTimes.contains(time) ? ", " + q(RateBins.FIELD_PLACES) : "") + " FROM "
                    + q(RateBins.MEASUREMENT) + " WHERE time = " + time + "ms AND " + cableCondition(cables) + parcelFilter
                    + " GROUP BY " + q(FiberSeries.TAG_CABLE) + ", " + q(FiberSeries.TAG_PARCEL))));
            binHandles.put(w, handles);
        });
        return !binHandles.values().stream().allMatch(Map::isEmpty);
    }

    private static String cableCondition(Set<Long> cables) {
        return "(" + cables.stream().map(c -> q(FiberSeries.TAG_CABLE) + " = " + InfluxQl.stringLiteral(String.valueOf(c)))
                .collect(Collectors.joining(" OR ")) + ")";
    }

    void collectBins(StatementBatch batch) {
        forEachChosenTrace(binHandles, batch, (w, time, cable, times, index, byPlace, s) -> {
            for (Map<String, Object> r : s.rows()) {
                Double binM = InfluxSeries.number(r, RateBins.FIELD_BIN_M);
                if (binM == null || !(r.get(RateBins.FIELD_MEANS) instanceof String means)) {
                    continue;
                }
                long binMm = RateBins.binMm(binM);
                binMmByCable.put(cable, binMm);
                binned.computeIfAbsent(w, k -> new HashMap<>()).computeIfAbsent(cable, k -> new TreeSet<>()).add(time);
                RateBins.parseMeans(means, (k, n, mean) -> byPlace.computeIfAbsent(k * binMm, x -> PlaceTraces.empty(times.length, binM))
                        .add(index, mean, Math.max(1, Math.round(n))));
                if (r.get(RateBins.FIELD_PLACES) instanceof String where) {
                    RateBins.parsePlaces(where, (k, distance, chainage) -> {
                        PlaceTraces p = byPlace.get(k * binMm);
                        if (p != null && Double.isNaN(p.chainageAndDistance()[1])) {
                            p.chainageAndDistance()[0] = chainage;
                            p.chainageAndDistance()[1] = distance;
                        }
                    });
                }
            }
        });
    }

    /** Adds a raw read of every chosen trace that had no bins (data older than the rollup). @return whether there is one */
    boolean planRaw(StatementBatch batch) {
        traceTimes.forEach((w, chosen) -> {
            Map<Long, Set<Long>> cablesByTime = new TreeMap<>();
            chosen.forEach((cable, times) -> {
                Set<Long> had = binned.getOrDefault(w, Map.of()).getOrDefault(cable, Set.of());
                for (long t : times) {
                    if (!had.contains(t)) {
                        cablesByTime.computeIfAbsent(t, k -> new TreeSet<>()).add(cable);
                    }
                }
            });
            Map<Long, Integer> handles = new HashMap<>();
            cablesByTime.forEach((time, cables) -> handles.put(time, batch.add("SELECT " + q(FiberSeries.FIELD_STRAIN) + ", "
                    + q(FiberSeries.FIELD_DISTANCE) + ", " + q(FiberSeries.FIELD_CHAINAGE) + " FROM " + q(FiberSeries.MEASUREMENT)
                    + " WHERE time = " + time + "ms AND " + cableCondition(cables) + parcelFilter + " GROUP BY " + q(FiberSeries.TAG_CABLE)
                    + ", " + q(FiberSeries.TAG_PARCEL))));
            if (!handles.isEmpty()) {
                rawHandles.put(w, handles);
            }
        });
        return !rawHandles.isEmpty();
    }

    /** Raw samples into the cable's bins when its other traces have them, else one place per sample. */
    void collectRaw(StatementBatch batch) {
        forEachChosenTrace(rawHandles, batch, (w, time, cable, times, index, byPlace, s) -> {
            boolean newest = index == times.length - 1;
            Long binMm = binMmByCable.get(cable);
            for (Map<String, Object> r : s.rows()) {
                Double strain = InfluxSeries.number(r, FiberSeries.FIELD_STRAIN);
                Double distance = InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE);
                if (strain == null || distance == null) {
                    continue;
                }
                long key = binMm == null ? Math.round(distance * 1000) : RateBins.index(distance, binMm) * binMm;
                PlaceTraces p = byPlace.computeIfAbsent(key, k -> PlaceTraces.empty(times.length, binMm == null ? 0 : binMm / 1000.0));
                long before = p.counts()[index];
                p.add(index, strain, 1);
                if (newest) {
                    double chainage = FiberReadings.orNaN(InfluxSeries.number(r, FiberSeries.FIELD_CHAINAGE));
                    double[] where = p.chainageAndDistance();
                    where[0] = before == 0 || Double.isNaN(where[0]) ? chainage : (where[0] * before + chainage) / (before + 1);
                    where[1] = before == 0 || Double.isNaN(where[1]) ? distance : (where[1] * before + distance) / (before + 1);
                }
            }
        });
    }

    /** A series answered for one chosen trace of a cable on a parcel, with where its values go. */
    private interface ChosenTraceSeries {
        void accept(long window, long time, long cable, long[] times, int index, Map<Long, PlaceTraces> byPlace, InfluxSeries series);
    }

    /** Every answered series that belongs to a chosen trace (others, and untagged ones, are skipped). */
    private void forEachChosenTrace(Map<Long, Map<Long, Integer>> handlesByWindow, StatementBatch batch, ChosenTraceSeries visitor) {
        handlesByWindow.forEach((w, handles) -> handles.forEach((time, handle) -> {
            for (InfluxSeries s : batch.series(handle)) {
                Long parcel = FiberReadings.id(s.tags().get(FiberSeries.TAG_PARCEL));
                Long cable = FiberReadings.id(s.tags().get(FiberSeries.TAG_CABLE));
                long[] times = cable == null ? null : traceTimes.get(w).get(cable);
                int index = times == null ? -1 : Arrays.binarySearch(times, time);
                if (parcel == null || index < 0) {
                    continue;
                }
                Map<Long, PlaceTraces> byPlace = places.computeIfAbsent(w, k -> new HashMap<>()).computeIfAbsent(parcel, k -> new HashMap<>())
                        .computeIfAbsent(cable, k -> new HashMap<>());
                visitor.accept(w, time, cable, times, index, byPlace, s);
            }
        }));
    }

    /** Every cable's trace times in a span, for {@link #planBins}. */
    static Map<Long, TreeSet<Long>> timesByCable(Map<Long, Map<Long, TreeMap<Long, TraceStat>>> traces, Map<Long, TreeSet<Long>> rollupTimes,
            Map<Long, Map<Long, TreeMap<Long, List<FiberReadings.RawSample>>>> raw) {
        Map<Long, TreeSet<Long>> timesByCable = new TreeMap<>();
        rollupTimes.forEach((cable, times) -> timesByCable.computeIfAbsent(cable, k -> new TreeSet<>()).addAll(times));
        traces.values().forEach(byCable -> byCable.forEach((cable, stats) ->
                timesByCable.computeIfAbsent(cable, k -> new TreeSet<>()).addAll(stats.keySet())));
        // baselined subjects are read raw: their trace times are the samples' own (a rate needs no baseline)
        raw.values().forEach(byCable -> byCable.forEach((cable, buckets) -> buckets.values()
                .forEach(samples -> samples.forEach(x -> timesByCable.computeIfAbsent(cable, k -> new TreeSet<>()).add(x.timeMs())))));
        return timesByCable;
    }
}
