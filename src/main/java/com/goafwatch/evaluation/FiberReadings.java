package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.goafwatch.threshold.Metric;
import com.goafwatch.threshold.Statistic;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;

/**
 * The InfluxDB side of fiber evaluation. Per rule span, one statement aggregates every parcel × cable × trace
 * from the per-trace rollups (max, min, sum, count of strain and temperature); percentile and length-over-limit
 * rules add one statement each per span and parameter. Rate rules add a second round trip that reads the
 * position-bin rollups of a bounded number of traces (see {@link FiberRateReadings}). Cables or parcels with a fiber baseline are read
 * raw instead (their strain counts from the baseline trace position by position, which no aggregate can
 * express). The answers are kept as typed per-trace statistics for {@link FiberValues}.
 */
final class FiberReadings {

    private static final String M = FiberSeries.MEASUREMENT;
    private static final String S = FiberSeries.FIELD_STRAIN;
    private static final String T = FiberSeries.FIELD_TEMPERATURE;

    private static String q(String identifier) {
        return InfluxQl.identifier(identifier);
    }

    final MonitoringLayout layout;
    private final Baselines baselines;
    final Instant now;
    final long bucketMs;
    private final String parcelFilter;
    private final String baselineExclusion;
    private final String baselineSelection;
    private final Map<Long, Integer> traceHandles = new HashMap<>();
    /** rate spans no other rule shares → statement reading only the rollups' times */
    private final Map<Long, Integer> rateTimeHandles = new HashMap<>();
    /** rate span (of {@link #rateTimeHandles}) → cable → its trace times */
    private final Map<Long, Map<Long, TreeSet<Long>>> rateTimes = new HashMap<>();
    private final Map<Long, Integer> rawHandles = new HashMap<>();
    private final Map<String, Integer> percentileHandles = new HashMap<>();
    private final Map<String, Integer> lengthHandles = new HashMap<>();
    /** the strain-rate reads (bin rollups of the chosen traces), planned once the first round trip is in */
    final FiberRateReadings rates;
    private final long slowestIntervalSeconds;
    private final Map<String, Integer> baselineHandles = new LinkedHashMap<>();
    private int newestHandle = -1;

    /** window → parcel → cable → bucket → stat */
    final Map<Long, Map<Long, Map<Long, TreeMap<Long, TraceStat>>>> traces = new HashMap<>();
    /** window → parcel → cable → bucket → raw ground-relative samples (baselined subjects only) */
    final Map<Long, Map<Long, Map<Long, TreeMap<Long, List<RawSample>>>>> raw = new HashMap<>();
    final Map<String, Map<Long, Map<Long, Double>>> percentiles = new HashMap<>();
    final Map<String, Map<Long, Map<Long, Map<Long, Double>>>> lengthCounts = new HashMap<>();
    private final Map<Long, Instant> newest = new HashMap<>();
    /** how far back a spike-filtered extreme rule reads: the confirming trace and its overdue time must fit */
    private final long confirmationSpanSeconds;
    final int confirmationSamples;

    record RawSample(double strain, double temperature, double chainage, double distance, long timeMs) {
    }

    FiberReadings(StatementBatch batch, MonitoringLayout layout, Baselines baselines, Collection<ThresholdRule> rules, Set<Long> parcels,
            Instant now, long bucketMs, long newestLookbackSeconds, double overdueFactor, int confirmationSamples, int rateTraces) {
        this.layout = layout;
        this.confirmationSamples = confirmationSamples;
        long slowest = layout.cables().values().stream().mapToLong(MonitoringLayout.CableRef::intervalSeconds).max().orElse(0);
        this.slowestIntervalSeconds = slowest;
        this.confirmationSpanSeconds = Math.round((overdueFactor + 0.5) * slowest);
        this.baselines = baselines;
        this.now = now;
        this.bucketMs = bucketMs;
        this.parcelFilter = parcels == null ? "" : " AND (" + parcels.stream()
                .map(p -> q(FiberSeries.TAG_PARCEL) + " = " + InfluxQl.stringLiteral(String.valueOf(p))).collect(Collectors.joining(" OR ")) + ")";
        List<String> baselined = new ArrayList<>();
        baselines.fiberByCable().keySet().stream().sorted()
                .forEach(c -> baselined.add(q(FiberSeries.TAG_CABLE) + " = " + InfluxQl.stringLiteral(String.valueOf(c))));
        baselines.fiberByParcel().keySet().stream().sorted()
                .forEach(p -> baselined.add(q(FiberSeries.TAG_PARCEL) + " = " + InfluxQl.stringLiteral(String.valueOf(p))));
        this.baselineSelection = baselined.isEmpty() ? null : " AND (" + String.join(" OR ", baselined) + ")";
        this.rates = new FiberRateReadings(parcelFilter, rateTraces);
        this.baselineExclusion = baselined.stream().map(c -> " AND " + c.replace(" = ", " != ")).collect(Collectors.joining());
        Set<Long> statisticSpans = rules.stream().filter(r -> r.metric() != Metric.FIBER_STRAIN_RATE).map(this::span)
                .collect(Collectors.toSet());
        for (ThresholdRule rule : rules) {
            long w = span(rule);
            if (rule.metric() == Metric.FIBER_STRAIN_RATE && !statisticSpans.contains(w)) {
                // a rate needs only which traces there are: one field of the rollups, not all eight
                rateTimeHandles.computeIfAbsent(w, k -> batch.add("SELECT " + q(FiberSeries.STAT_COUNT) + " FROM "
                        + q(FiberSeries.STATS_MEASUREMENT) + " WHERE " + window(w) + parcelFilter + baselineExclusion + " GROUP BY "
                        + q(FiberSeries.TAG_CABLE)));
            } else {
                // the per-trace rollups written at ingestion: a few points per trace and parcel instead of every sample
                traceHandles.computeIfAbsent(w, k -> batch.add(rollupSelect(window(w))));
            }
            if (baselineSelection != null) {
                rawHandles.computeIfAbsent(w, k -> batch.add("SELECT " + q(S) + ", " + q(T) + ", " + q(FiberSeries.FIELD_CHAINAGE) + ", "
                        + q(FiberSeries.FIELD_DISTANCE) + " FROM " + q(M) + " WHERE " + window(w) + parcelFilter + baselineSelection
                        + " GROUP BY " + q(FiberSeries.TAG_PARCEL) + ", " + q(FiberSeries.TAG_CABLE) + ", " + q(FiberSeries.TAG_POSITION)));
            }
            String field = rule.metric() == Metric.FIBER_TEMPERATURE ? T : S;
            if (rule.statistic() == Statistic.PERCENTILE) {
                String key = w + "/" + field + "/" + rule.statisticParameter();
                percentileHandles.computeIfAbsent(key, k -> batch.add("SELECT percentile(" + q(field) + ", " + rule.statisticParameter()
                        + ") FROM " + q(M) + " WHERE " + window(w) + parcelFilter + baselineExclusion + " GROUP BY "
                        + q(FiberSeries.TAG_PARCEL) + ", " + q(FiberSeries.TAG_CABLE)));
            }
            if (rule.statistic() == Statistic.LENGTH_OVER) {
                String key = lengthKey(rule);
                lengthHandles.computeIfAbsent(key, k -> batch.add("SELECT count(" + q(field) + ") FROM " + q(M) + " WHERE " + window(w)
                        + parcelFilter + baselineExclusion + " AND (" + overLimit(field, rule.statisticParameter()) + ") GROUP BY time("
                        + bucketMs + "ms), " + q(FiberSeries.TAG_PARCEL) + ", " + q(FiberSeries.TAG_CABLE) + " fill(none)"));
            }
            if (rule.metric() == Metric.FIBER_STRAIN_RATE) {
                rates.windows.put(w, rule.windowSeconds() / 86_400.0);
            }
        }
        if (!rules.isEmpty()) {
            baselines.fiberByCable().forEach((cable, at) -> baselineHandles.put("c" + cable, batch.add("SELECT last(" + q(S) + ") FROM " + q(M)
                    + " WHERE time <= " + at.toEpochMilli() + "ms AND " + q(FiberSeries.TAG_CABLE) + " = "
                    + InfluxQl.stringLiteral(String.valueOf(cable)) + " GROUP BY " + q(FiberSeries.TAG_CABLE) + ", " + q(FiberSeries.TAG_POSITION))));
            baselines.fiberByParcel().forEach((parcel, at) -> baselineHandles.put("p" + parcel, batch.add("SELECT last(" + q(S) + ") FROM "
                    + q(M) + " WHERE time <= " + at.toEpochMilli() + "ms AND " + q(FiberSeries.TAG_PARCEL) + " = "
                    + InfluxQl.stringLiteral(String.valueOf(parcel)) + " GROUP BY " + q(FiberSeries.TAG_CABLE) + ", "
                    + q(FiberSeries.TAG_POSITION))));
            newestHandle = batch.add("SELECT last(" + q(FiberSeries.STAT_COUNT) + ") FROM " + q(FiberSeries.STATS_MEASUREMENT) + " WHERE time > " + (now.toEpochMilli() - newestLookbackSeconds * 1000)
                    + "ms AND time <= " + now.toEpochMilli() + "ms" + parcelFilter + " GROUP BY " + q(FiberSeries.TAG_PARCEL));
        }
    }

    /** The per-trace rollups of every parcel × cable in a time range (the rule window of a cycle, or a backtest's whole history). */
    private String rollupSelect(String timeCondition) {
        return "SELECT " + String.join(", ", q(FiberSeries.STAT_MAX), q(FiberSeries.STAT_MIN), q(FiberSeries.STAT_SUM), q(FiberSeries.STAT_COUNT),
                q(FiberSeries.STAT_T_MAX), q(FiberSeries.STAT_T_MIN), q(FiberSeries.STAT_T_SUM), q(FiberSeries.STAT_T_COUNT)) + " FROM "
                + q(FiberSeries.STATS_MEASUREMENT) + " WHERE " + timeCondition + parcelFilter + baselineExclusion + " GROUP BY "
                + q(FiberSeries.TAG_PARCEL) + ", " + q(FiberSeries.TAG_CABLE);
    }

    /**
     * Whether this cycle reads nothing but the per-trace rollups and the newest rollup per parcel (no baseline, percentile,
     * length-over-limit or rate statement): then every read is a time slice of {@link FiberRollupHistory}.
     */
    boolean rollupsOnly() {
        return rawHandles.isEmpty() && rateTimeHandles.isEmpty() && percentileHandles.isEmpty() && lengthHandles.isEmpty() && rates.isEmpty() && baselineHandles.isEmpty();
    }

    /** The longest span this cycle reads back from its time, seconds: its rule spans and the newest-sample lookback. */
    long longestSpanSeconds(long newestLookbackSeconds) {
        return Math.max(newestLookbackSeconds, traceHandles.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** The rollup statement of {@link #rollupsOnly} cycles over (afterMs, untilMs], for {@link FiberRollupHistory}. */
    String rollupStatement(long afterMs, long untilMs) {
        return rollupSelect("time > " + afterMs + "ms AND time <= " + untilMs + "ms");
    }

    /** How many rollup points that statement returns (the backtest's memory bound is checked on it before reading). */
    String rollupCountStatement(long afterMs, long untilMs) {
        return "SELECT count(" + q(FiberSeries.STAT_COUNT) + ") FROM " + q(FiberSeries.STATS_MEASUREMENT) + " WHERE time > " + afterMs
                + "ms AND time <= " + untilMs + "ms" + parcelFilter + baselineExclusion;
    }

    /**
     * Fills what {@link #collect} would read, from the history slice of this cycle: each rule span's rollups in
     * (now − span, now] and each parcel's newest rollup in (now − lookback, now]. Only for {@link #rollupsOnly} cycles.
     */
    void collectFrom(FiberRollupHistory history, long newestLookbackSeconds) {
        long nowMs = now.toEpochMilli();
        for (long w : traceHandles.keySet()) {
            history.slice(nowMs - w * 1000, nowMs, (parcel, cable, stat) -> {
                TreeMap<Long, TraceStat> byTime = traces.computeIfAbsent(w, k -> new HashMap<>()).computeIfAbsent(parcel, k -> new HashMap<>())
                        .computeIfAbsent(cable, k -> new TreeMap<>());
                if (stat != null) {
                    byTime.merge(stat.bucketMs(), stat, TraceStat::merge);
                }
            });
        }
        if (newestHandle >= 0) {
            history.newest(nowMs - newestLookbackSeconds * 1000, nowMs).forEach((parcel, t) -> newest.put(parcel, Instant.ofEpochMilli(t)));
        }
    }

    /**
     * The time span a rule reads: its window; for spike-filtered extremes at least (overdue factor + ½) × the
     * slowest cable's interval, so that the trace after a lone one, or its being overdue, is seen.
     */
    long span(ThresholdRule rule) {
        if (rule.metric() == Metric.FIBER_STRAIN_RATE) {
            // the latest traces spanning the window: back to the trace before its start, two intervals earlier at most
            return rule.windowSeconds() + 2 * slowestIntervalSeconds;
        }
        boolean extreme = rule.statistic() == Statistic.MAX || rule.statistic() == Statistic.MIN || rule.statistic() == Statistic.MAX_ABS;
        return rule.spikeFilter() && extreme && rule.metric() != Metric.FIBER_STRAIN_RATE
                ? Math.max(rule.windowSeconds(), confirmationSpanSeconds) : rule.windowSeconds();
    }

    private String window(long seconds) {
        return "time > " + (now.toEpochMilli() - seconds * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms";
    }

    String lengthKey(ThresholdRule rule) {
        return span(rule) + "/" + rule.metric().dbValue() + "/" + rule.statisticParameter();
    }

    /** |value| above the ground limit: per cable, the fiber feels limit × coupling (temperature: no coupling). */
    private String overLimit(String field, double limit) {
        if (field.equals(T)) {
            return q(T) + " > " + limit + " OR " + q(T) + " < " + (-limit);
        }
        return layout.cables().values().stream().sorted(Comparator.comparingLong(MonitoringLayout.CableRef::id))
                .map(c -> "(" + q(FiberSeries.TAG_CABLE) + " = " + InfluxQl.stringLiteral(String.valueOf(c.id())) + " AND (" + q(S) + " > "
                        + limit * c.coupling() + " OR " + q(S) + " < " + (-limit * c.coupling()) + "))")
                .collect(Collectors.joining(" OR "));
    }

    /** Reads the batch's answers. */
    void collect(StatementBatch batch) {
        Map<String, Map<String, Double>> base = new HashMap<>();
        baselineHandles.forEach((key, handle) -> {
            for (InfluxSeries s : batch.series(handle)) {
                Double v = s.rows().isEmpty() ? null : InfluxSeries.number(s.rows().get(0), "last");
                if (v != null) {
                    base.computeIfAbsent(key, k -> new HashMap<>()).put(s.tags().get(FiberSeries.TAG_CABLE) + "/"
                            + s.tags().get(FiberSeries.TAG_POSITION), v);
                }
            }
        });
        traceHandles.forEach((w, handle) -> {
            for (InfluxSeries s : batch.series(handle)) {
                Long parcel = id(s.tags().get(FiberSeries.TAG_PARCEL));
                Long cable = id(s.tags().get(FiberSeries.TAG_CABLE));
                if (parcel == null || cable == null) {
                    continue;
                }
                TreeMap<Long, TraceStat> traces = this.traces.computeIfAbsent(w, k -> new HashMap<>()).computeIfAbsent(parcel, k -> new HashMap<>())
                        .computeIfAbsent(cable, k -> new TreeMap<>());
                for (Map<String, Object> r : s.rows()) {
                    TraceStat stat = traceStat(r);
                    if (stat != null) {
                        // parts of one trace (sent in several batches) merge into one
                        traces.merge(stat.bucketMs(), stat, TraceStat::merge);
                    }
                }
            }
        });
        rateTimeHandles.forEach((w, handle) -> {
            Map<Long, TreeSet<Long>> byCable = rateTimes.computeIfAbsent(w, k -> new TreeMap<>());
            for (InfluxSeries s : batch.series(handle)) {
                Long cable = id(s.tags().get(FiberSeries.TAG_CABLE));
                if (cable != null) {
                    TreeSet<Long> times = byCable.computeIfAbsent(cable, k -> new TreeSet<>());
                    s.rows().forEach(r -> times.add(InfluxSeries.number(r, "time").longValue()));
                }
            }
        });
        rawHandles.forEach((w, handle) -> {
            for (InfluxSeries s : batch.series(handle)) {
                Long parcel = id(s.tags().get(FiberSeries.TAG_PARCEL));
                Long cable = id(s.tags().get(FiberSeries.TAG_CABLE));
                if (parcel == null || cable == null) {
                    continue;
                }
                String pos = cable + "/" + s.tags().get(FiberSeries.TAG_POSITION);
                Map<String, Double> b = base.get(baselines.fiberByParcel().containsKey(parcel) ? "p" + parcel : "c" + cable);
                Double zero = b == null ? null : b.get(pos);
                TreeMap<Long, List<RawSample>> buckets = raw.computeIfAbsent(w, k -> new HashMap<>())
                        .computeIfAbsent(parcel, k -> new HashMap<>()).computeIfAbsent(cable, k -> new TreeMap<>());
                for (Map<String, Object> r : s.rows()) {
                    Double strain = InfluxSeries.number(r, S);
                    if (strain == null) {
                        continue;
                    }
                    long t = InfluxSeries.number(r, "time").longValue();
                    Double temp = InfluxSeries.number(r, T);
                    // a position without a reading before the baseline counts from its first reading after it
                    double relative = zero == null ? 0.0 : strain - zero;
                    buckets.computeIfAbsent(Math.floorDiv(t, bucketMs) * bucketMs, k -> new ArrayList<>())
                            .add(new RawSample(relative, temp == null ? Double.NaN : temp, orNaN(InfluxSeries.number(r, FiberSeries.FIELD_CHAINAGE)),
                                    orNaN(InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE)), t));
                }
            }
        });
        percentileHandles.forEach((key, handle) -> {
            Map<Long, Map<Long, Double>> byParcel = new HashMap<>();
            for (InfluxSeries s : batch.series(handle)) {
                Long parcel = id(s.tags().get(FiberSeries.TAG_PARCEL));
                Long cable = id(s.tags().get(FiberSeries.TAG_CABLE));
                Double v = s.rows().isEmpty() ? null : InfluxSeries.number(s.rows().get(0), "percentile");
                if (parcel != null && cable != null && v != null) {
                    byParcel.computeIfAbsent(parcel, k -> new HashMap<>()).put(cable, v);
                }
            }
            percentiles.put(key, byParcel);
        });
        lengthHandles.forEach((key, handle) -> {
            Map<Long, Map<Long, Map<Long, Double>>> byParcel = new HashMap<>();
            for (InfluxSeries s : batch.series(handle)) {
                Long parcel = id(s.tags().get(FiberSeries.TAG_PARCEL));
                Long cable = id(s.tags().get(FiberSeries.TAG_CABLE));
                if (parcel == null || cable == null) {
                    continue;
                }
                for (Map<String, Object> r : s.rows()) {
                    byParcel.computeIfAbsent(parcel, k -> new HashMap<>()).computeIfAbsent(cable, k -> new HashMap<>())
                            .put(InfluxSeries.number(r, "time").longValue(), InfluxSeries.number(r, "count"));
                }
            }
            lengthCounts.put(key, byParcel);
        });
        if (newestHandle >= 0) {
            for (InfluxSeries s : batch.series(newestHandle)) {
                Long parcel = id(s.tags().get(FiberSeries.TAG_PARCEL));
                if (parcel != null && !s.rows().isEmpty()) {
                    newest.put(parcel, Instant.ofEpochMilli(InfluxSeries.number(s.rows().get(0), "time").longValue()));
                }
            }
        }
    }

    /** One rollup row as a trace statistic; null when it lacks the maximum or the count. */
    static TraceStat traceStat(Map<String, Object> r) {
        Double max = InfluxSeries.number(r, FiberSeries.STAT_MAX);
        Double n = InfluxSeries.number(r, FiberSeries.STAT_COUNT);
        if (max == null || n == null) {
            return null;
        }
        long t = InfluxSeries.number(r, "time").longValue();
        return new TraceStat(t, max, InfluxSeries.number(r, FiberSeries.STAT_MIN), InfluxSeries.number(r, FiberSeries.STAT_SUM) / n,
                n.longValue(), InfluxSeries.number(r, FiberSeries.STAT_T_MAX), InfluxSeries.number(r, FiberSeries.STAT_T_MIN), temperatureMean(r));
    }

    private static Double temperatureMean(Map<String, Object> r) {
        Double sum = InfluxSeries.number(r, FiberSeries.STAT_T_SUM);
        Double n = InfluxSeries.number(r, FiberSeries.STAT_T_COUNT);
        return sum == null || n == null || n == 0 ? null : sum / n;
    }

    /** Plans the rate reads (second round trip) from the trace times the first gave; see {@link FiberRateReadings}. */
    boolean planRates(StatementBatch batch) {
        return rates.planBins(batch, w -> FiberRateReadings.timesByCable(traces.getOrDefault(w, Map.of()), rateTimes.getOrDefault(w, Map.of()),
                raw.getOrDefault(w, Map.of())), layout);
    }

    Instant newest(long parcelId) {
        return newest.get(parcelId);
    }


    static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    static Long id(String tag) {
        if (tag == null || tag.isEmpty() || !Character.isDigit(tag.charAt(0))) {
            return null;
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
