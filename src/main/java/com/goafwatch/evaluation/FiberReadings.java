package com.goafwatch.evaluation;

import com.goafwatch.threshold.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Fiber metrics of one evaluation. Per rule window, one statement aggregates every parcel × cable × trace
 * (max, min, mean, count of strain and temperature); percentile, length-over-limit and rate rules add one
 * statement each per window and parameter. Cables or parcels with a fiber baseline are read raw instead
 * (their strain counts from the baseline trace position by position, which no aggregate can express).
 * Strain becomes ground strain here: divided by the cable's coupling coefficient.
 */
final class FiberReadings {

    private static final String M = FiberSeries.MEASUREMENT;
    private static final String S = FiberSeries.FIELD_STRAIN;
    private static final String T = FiberSeries.FIELD_TEMPERATURE;

    private static String q(String identifier) {
        return InfluxQl.identifier(identifier);
    }

    private final MonitoringLayout layout;
    private final Baselines baselines;
    private final Instant now;
    private final long bucketMs;
    private final String parcelFilter;
    private final String baselineExclusion;
    private final String baselineSelection;
    private final Map<Long, Integer> traceHandles = new HashMap<>();
    private final Map<Long, Integer> rawHandles = new HashMap<>();
    private final Map<String, Integer> percentileHandles = new HashMap<>();
    private final Map<String, Integer> lengthHandles = new HashMap<>();
    private final Set<Long> rateWindows = new TreeSet<>();
    /** window → trace time → statement reading that trace's samples of the cables whose first or last trace it is */
    private final Map<Long, Map<Long, Integer>> rateTraceHandles = new HashMap<>();
    private final Map<String, Integer> baselineHandles = new LinkedHashMap<>();
    private int newestHandle = -1;

    /** window → parcel → cable → bucket → stat */
    private final Map<Long, Map<Long, Map<Long, TreeMap<Long, TraceStat>>>> traces = new HashMap<>();
    /** window → parcel → cable → bucket → raw ground-relative samples (baselined subjects only) */
    private final Map<Long, Map<Long, Map<Long, TreeMap<Long, List<RawSample>>>>> raw = new HashMap<>();
    private final Map<String, Map<Long, Map<Long, Double>>> percentiles = new HashMap<>();
    private final Map<String, Map<Long, Map<Long, Map<Long, Double>>>> lengthCounts = new HashMap<>();
    private final Map<Long, Map<Long, Map<Long, double[]>>> rates = new HashMap<>();
    private final Map<Long, Instant> newest = new HashMap<>();
    /** how far back a spike-filtered extreme rule reads: the confirming trace and its overdue time must fit */
    private final long confirmationSpanSeconds;
    private final int confirmationSamples;

    record RawSample(double strain, double temperature, double chainage, double distance, long timeMs) {
    }

    FiberReadings(StatementBatch batch, MonitoringLayout layout, Baselines baselines, Collection<ThresholdRule> rules, Set<Long> parcels,
            Instant now, long bucketMs, long newestLookbackSeconds, double overdueFactor, int confirmationSamples) {
        this.layout = layout;
        this.confirmationSamples = confirmationSamples;
        long slowest = layout.cables().values().stream().mapToLong(MonitoringLayout.CableRef::intervalSeconds).max().orElse(0);
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
        this.baselineExclusion = baselined.stream().map(c -> " AND " + c.replace(" = ", " != ")).collect(Collectors.joining());
        for (ThresholdRule rule : rules) {
            long w = span(rule);
            // the per-trace rollups written at ingestion: a few points per trace and parcel instead of every sample
            traceHandles.computeIfAbsent(w, k -> batch.add("SELECT " + String.join(", ", q(FiberSeries.STAT_MAX), q(FiberSeries.STAT_MIN),
                    q(FiberSeries.STAT_SUM), q(FiberSeries.STAT_COUNT), q(FiberSeries.STAT_T_MAX), q(FiberSeries.STAT_T_MIN), q(FiberSeries.STAT_T_SUM),
                    q(FiberSeries.STAT_T_COUNT)) + " FROM " + q(FiberSeries.STATS_MEASUREMENT) + " WHERE " + window(w) + parcelFilter
                    + baselineExclusion + " GROUP BY " + q(FiberSeries.TAG_PARCEL) + ", " + q(FiberSeries.TAG_CABLE)));
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
                rateWindows.add(w);
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

    /**
     * The time span a rule reads: its window; for spike-filtered extremes at least (overdue factor + ½) × the
     * slowest cable's interval, so that the trace after a lone one, or its being overdue, is seen.
     */
    long span(ThresholdRule rule) {
        boolean extreme = rule.statistic() == Statistic.MAX || rule.statistic() == Statistic.MIN || rule.statistic() == Statistic.MAX_ABS;
        return rule.spikeFilter() && extreme && rule.metric() != Metric.FIBER_STRAIN_RATE
                ? Math.max(rule.windowSeconds(), confirmationSpanSeconds) : rule.windowSeconds();
    }

    private String window(long seconds) {
        return "time > " + (now.toEpochMilli() - seconds * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms";
    }

    private String lengthKey(ThresholdRule rule) {
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
                    Double max = InfluxSeries.number(r, FiberSeries.STAT_MAX);
                    Double n = InfluxSeries.number(r, FiberSeries.STAT_COUNT);
                    if (max == null || n == null) {
                        continue;
                    }
                    long t = InfluxSeries.number(r, "time").longValue();
                    // parts of one trace (sent in several batches) merge into one
                    traces.merge(t, new TraceStat(t, max, InfluxSeries.number(r, FiberSeries.STAT_MIN),
                            InfluxSeries.number(r, FiberSeries.STAT_SUM) / n, n.longValue(), InfluxSeries.number(r, FiberSeries.STAT_T_MAX),
                            InfluxSeries.number(r, FiberSeries.STAT_T_MIN), temperatureMean(r)), TraceStat::merge);
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

    private static Double temperatureMean(Map<String, Object> r) {
        Double sum = InfluxSeries.number(r, FiberSeries.STAT_T_SUM);
        Double n = InfluxSeries.number(r, FiberSeries.STAT_T_COUNT);
        return sum == null || n == null || n == 0 ? null : sum / n;
    }

    /**
     * Rates need each position's first and last trace in the window: now that the trace times are known,
     * one statement per distinct trace time reads those traces' samples (usually two statements).
     * @return whether a second round trip is needed
     */
    boolean planRates(StatementBatch batch) {
        for (long w : rateWindows) {
            Map<Long, Set<Long>> cablesByTime = new TreeMap<>();
            for (Map<Long, TreeMap<Long, TraceStat>> byCable : traces.getOrDefault(w, Map.of()).values()) {
                byCable.forEach((cable, stats) -> {
                    if (stats.size() >= 2) {
                        cablesByTime.computeIfAbsent(stats.firstKey(), k -> new TreeSet<>()).add(cable);
                        cablesByTime.computeIfAbsent(stats.lastKey(), k -> new TreeSet<>()).add(cable);
                    }
                });
            }
            Map<Long, Integer> handles = new HashMap<>();
            cablesByTime.forEach((time, cables) -> handles.put(time, batch.add("SELECT " + q(S) + ", " + q(FiberSeries.FIELD_CHAINAGE) + ", "
                    + q(FiberSeries.FIELD_DISTANCE) + ", " + q(FiberSeries.TAG_POSITION) + ", " + q(FiberSeries.TAG_CABLE) + ", "
                    + q(FiberSeries.TAG_PARCEL) + " FROM " + q(M) + " WHERE time = " + time + "ms AND (" + cables.stream()
                            .map(c -> q(FiberSeries.TAG_CABLE) + " = " + InfluxQl.stringLiteral(String.valueOf(c))).collect(Collectors.joining(" OR "))
                    + ")" + parcelFilter)));
            rateTraceHandles.put(w, handles);
        }
        return !rateTraceHandles.values().stream().allMatch(Map::isEmpty);
    }

    /** window → parcel → cable → position → {first strain, last strain, chainage, distance, first time, last time} */
    private final Map<Long, Map<Long, Map<Long, Map<String, double[]>>>> positionChanges = new HashMap<>();

    void collectRates(StatementBatch batch) {
        rateTraceHandles.forEach((w, handles) -> {
            Map<Long, Map<Long, Map<String, double[]>>> byParcel = positionChanges.computeIfAbsent(w, k -> new HashMap<>());
            handles.forEach((time, handle) -> {
                for (InfluxSeries s : batch.series(handle)) {
                    for (Map<String, Object> r : s.rows()) {
                        Long parcel = id((String) r.get(FiberSeries.TAG_PARCEL));
                        Long cable = id((String) r.get(FiberSeries.TAG_CABLE));
                        Double strain = InfluxSeries.number(r, S);
                        if (parcel == null || cable == null || strain == null) {
                            continue;
                        }
                        double[] p = byParcel.computeIfAbsent(parcel, k -> new HashMap<>()).computeIfAbsent(cable, k -> new HashMap<>())
                                .computeIfAbsent((String) r.get(FiberSeries.TAG_POSITION), k -> new double[] {Double.NaN, Double.NaN, Double.NaN,
                                        Double.NaN, Long.MAX_VALUE, Long.MIN_VALUE});
                        if (time < p[4]) {
                            p[0] = strain;
                            p[4] = time;
                        }
                        if (time > p[5]) {
                            p[1] = strain;
                            p[5] = time;
                        }
                        p[2] = orNaN(InfluxSeries.number(r, FiberSeries.FIELD_CHAINAGE));
                        p[3] = orNaN(InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE));
                    }
                }
            });
        });
    }

    Instant newest(long parcelId) {
        return newest.get(parcelId);
    }

    RuleValue value(ThresholdRule rule, long parcelId) {
        long w = span(rule);
        if (rule.metric() == Metric.FIBER_STRAIN_RATE) {
            return rate(rule, parcelId);
        }
        boolean temperature = rule.metric() == Metric.FIBER_TEMPERATURE;
        Map<Long, TreeMap<Long, TraceStat>> byCable = new HashMap<>(traces.getOrDefault(w, Map.of()).getOrDefault(parcelId, Map.of()));
        raw.getOrDefault(w, Map.of()).getOrDefault(parcelId, Map.of()).forEach((cable, buckets) -> byCable.put(cable, stats(buckets)));
        if (byCable.isEmpty()) {
            return RuleValue.NONE;
        }
        return switch (rule.statistic()) {
            case MEAN -> mean(byCable, temperature, parcelId);
            case PERCENTILE -> percentile(rule, parcelId, temperature);
            case LENGTH_OVER -> RuleValue.of(Worst.of(lengthObservations(rule, parcelId, byCable, temperature), rule.spikeFilter()));
            default -> {
                List<Observation> perTrace = extremeObservations(rule, parcelId, byCable, temperature);
                if (!rule.spikeFilter()) {
                    yield RuleValue.of(Worst.of(perTrace, false));
                }
                yield RuleValue.toConfirm(perTrace, layout.fiberIntervalSeconds(parcelId), sustainedInRaw(rule, parcelId, perTrace, temperature));
            }
        };
    }

    /** Baselined (raw-read) cables: the top trace's value over adjacent samples, from the samples in hand; null otherwise. */
    private Double sustainedInRaw(ThresholdRule rule, long parcelId, List<Observation> perTrace, boolean temperature) {
        Observation top = perTrace.stream().max(Comparator.comparingDouble(Observation::value)).orElse(null);
        if (top == null || top.locate() != null || top.evidence().cableId() == null) {
            return null;
        }
        long cableId = top.evidence().cableId();
        List<RawSample> samples = raw.getOrDefault(span(rule), Map.of()).getOrDefault(parcelId, Map.of())
                .getOrDefault(cableId, new TreeMap<>()).get(top.time().toEpochMilli());
        if (samples == null) {
            return null;
        }
        MonitoringLayout.CableRef cable = layout.cables().get(cableId);
        double k = temperature || cable == null ? 1.0 : cable.coupling();
        return TraceConfirmation.sustained(samples.stream().map(x -> new double[] {x.distance(),
                Reducers.signed(rule.statistic(), (temperature ? x.temperature() : x.strain()) / k)}).toList(), confirmationSamples);
    }

    /** One observation per trace: the worst cable's extreme in the rule's sense. */
    private List<Observation> extremeObservations(ThresholdRule rule, long parcelId, Map<Long, TreeMap<Long, TraceStat>> byCable,
            boolean temperature) {
        Map<Long, Observation> perTrace = new TreeMap<>();
        byCable.forEach((cableId, buckets) -> {
            MonitoringLayout.CableRef cable = layout.cables().get(cableId);
            double k = temperature || cable == null ? 1.0 : cable.coupling();
            for (TraceStat t : buckets.values()) {
                Double hi = temperature ? t.tMax() : (Double) t.max();
                Double lo = temperature ? t.tMin() : (Double) t.min();
                if (hi == null || lo == null) {
                    continue;
                }
                Reducers.Extreme extreme = Reducers.extreme(rule.statistic(), hi, lo, k);
                double value = extreme.value();
                String selector = extreme.selector();
                Evidence evidence = Evidence.fiber(cableId, cable == null ? String.valueOf(cableId) : cable.code(),
                        Instant.ofEpochMilli(t.bucketMs()));
                Observation o = new Observation(Instant.ofEpochMilli(t.bucketMs()), value, evidence,
                        new EvidenceLookup(parcelId, cableId, t.bucketMs(), t.bucketMs() + bucketMs, selector, temperature ? T : S));
                Observation located = locatedInRaw(parcelId, span(rule), cableId, t.bucketMs(), selector, temperature, o);
                perTrace.merge(t.bucketMs(), located, (a, b) -> a.value() >= b.value() ? a : b);
            }
        });
        return List.copyOf(perTrace.values());
    }

    /** For raw-read (baselined) cables the position is known already: no lookup needed. */
    private Observation locatedInRaw(long parcelId, long w, long cableId, long bucket, String selector, boolean temperature, Observation o) {
        List<RawSample> samples = raw.getOrDefault(w, Map.of()).getOrDefault(parcelId, Map.of()).getOrDefault(cableId, new TreeMap<>())
                .get(bucket);
        if (samples == null) {
            return o;
        }
        RawSample best = null;
        for (RawSample s : samples) {
            double v = temperature ? s.temperature() : s.strain();
            if (best == null || ("max".equals(selector) ? v > (temperature ? best.temperature() : best.strain())
                    : v < (temperature ? best.temperature() : best.strain()))) {
                best = s;
            }
        }
        return new Observation(o.time(), o.value(), o.evidence().located(best.chainage(), best.distance(),
                temperature ? best.temperature() : best.strain(), Instant.ofEpochMilli(best.timeMs())).noted("relative to baseline"), null);
    }

    private RuleValue mean(Map<Long, TreeMap<Long, TraceStat>> byCable, boolean temperature, long parcelId) {
        double sum = 0;
        long n = 0;
        long last = 0;
        for (Map.Entry<Long, TreeMap<Long, TraceStat>> e : byCable.entrySet()) {
            MonitoringLayout.CableRef cable = layout.cables().get(e.getKey());
            double k = temperature || cable == null ? 1.0 : cable.coupling();
            for (TraceStat t : e.getValue().values()) {
                Double mean = temperature ? t.tMean() : (Double) t.mean();
                if (mean != null) {
                    sum += mean * t.count() / k;
                    n += t.count();
                    last = Math.max(last, t.bucketMs());
                }
            }
        }
        if (n == 0) {
            return RuleValue.NONE;
        }
        return RuleValue.of(new Observation(Instant.ofEpochMilli(last), sum / n, new Evidence(null, null, null, null, null, null, null,
                Instant.ofEpochMilli(last), null, "mean of " + n + " samples in parcel " + parcelId, null)));
    }

    /** Percentile per cable (÷ coupling), the worst cable's: cables with different couplings do not pool. */
    private RuleValue percentile(ThresholdRule rule, long parcelId, boolean temperature) {
        Map<Long, Double> byCable = new HashMap<>(percentiles.getOrDefault(span(rule) + "/" + (temperature ? T : S) + "/"
                + rule.statisticParameter(), Map.of()).getOrDefault(parcelId, Map.of()));
        raw.getOrDefault(span(rule), Map.of()).getOrDefault(parcelId, Map.of()).forEach((cable, buckets) -> {
            double[] values = buckets.values().stream().flatMap(List::stream)
                    .mapToDouble(s -> temperature ? s.temperature() : s.strain()).filter(Double::isFinite).sorted().toArray();
            Double p = Reducers.percentile(values, rule.statisticParameter());
            if (p != null) {
                byCable.put(cable, p);
            }
        });
        Observation worst = null;
        for (Map.Entry<Long, Double> e : byCable.entrySet()) {
            MonitoringLayout.CableRef cable = layout.cables().get(e.getKey());
            double k = temperature || cable == null ? 1.0 : cable.coupling();
            Observation o = new Observation(now, e.getValue() / k, Evidence.fiber(e.getKey(), cable == null ? null : cable.code(), now)
                    .noted("percentile " + rule.statisticParameter() + " over the window"));
            if (worst == null || o.value() > worst.value()) {
                worst = o;
            }
        }
        return RuleValue.of(worst);
    }

    /** Metres of fiber over the limit per trace: over-limit share of the cable's samples × its length in the parcel. */
    private List<Observation> lengthObservations(ThresholdRule rule, long parcelId, Map<Long, TreeMap<Long, TraceStat>> byCable,
            boolean temperature) {
        Map<Long, Map<Long, Double>> counts = lengthCounts.getOrDefault(lengthKey(rule), Map.of()).getOrDefault(parcelId, Map.of());
        Map<Long, double[]> perTrace = new TreeMap<>();
        double limit = rule.statisticParameter();
        for (Map.Entry<Long, TreeMap<Long, TraceStat>> e : byCable.entrySet()) {
            long cableId = e.getKey();
            MonitoringLayout.CableRef cable = layout.cables().get(cableId);
            double k = temperature || cable == null ? 1.0 : cable.coupling();
            double length = layout.cablesByParcel().getOrDefault(parcelId, List.of()).stream().filter(s -> s.cableId() == cableId)
                    .mapToDouble(MonitoringLayout.CableSpan::fiberLengthM).sum();
            Map<Long, List<RawSample>> rawBuckets = raw.getOrDefault(span(rule), Map.of()).getOrDefault(parcelId, Map.of())
                    .get(cableId);
            for (TraceStat t : e.getValue().values()) {
                double over;
                if (rawBuckets != null && rawBuckets.containsKey(t.bucketMs())) {
                    over = rawBuckets.get(t.bucketMs()).stream()
                            .filter(s -> Math.abs(temperature ? s.temperature() : s.strain() / k) > limit).count();
                } else {
                    over = counts.getOrDefault(cableId, Map.of()).getOrDefault(Math.floorDiv(t.bucketMs(), bucketMs) * bucketMs, 0.0);
                }
                double[] acc = perTrace.computeIfAbsent(t.bucketMs(), b -> new double[2]);
                acc[0] += Reducers.lengthOverM(over, t.count(), length);
                if (over > 0 && acc[1] == 0) {
                    acc[1] = cableId;
                }
            }
        }
        List<Observation> result = new ArrayList<>();
        perTrace.forEach((bucket, acc) -> {
            Instant at = Instant.ofEpochMilli(bucket);
            long cableId = (long) acc[1];
            MonitoringLayout.CableRef cable = layout.cables().get(cableId);
            Evidence ev = acc[1] == 0 ? new Evidence(null, null, null, null, null, null, null, at, null, null, null)
                    : Evidence.fiber(cableId, cable == null ? null : cable.code(), at);
            result.add(new Observation(at, Math.round(acc[0] * 100) / 100.0, ev, acc[1] == 0 ? null
                    : new EvidenceLookup(parcelId, cableId, bucket, bucket + bucketMs, "max", temperature ? T : S)));
        });
        return result;
    }

    /** µε/d at the worst position: (last − first trace in the window at that position) ÷ coupling ÷ days between them. */
    private RuleValue rate(ThresholdRule rule, long parcelId) {
        Map<Long, Map<String, double[]>> byCable = positionChanges.getOrDefault(span(rule), Map.of()).getOrDefault(parcelId, Map.of());
        Observation worst = null;
        for (Map.Entry<Long, Map<String, double[]>> e : byCable.entrySet()) {
            long cableId = e.getKey();
            MonitoringLayout.CableRef cable = layout.cables().get(cableId);
            double k = cable == null ? 1.0 : cable.coupling();
            for (double[] p : e.getValue().values()) {
                if (!(p[5] > p[4]) || Double.isNaN(p[0]) || Double.isNaN(p[1])) {
                    continue;
                }
                Double perDay = Reducers.ratePerDay(p[0] / k, p[1] / k, (long) p[4], (long) p[5]);
                if (perDay == null) {
                    continue;
                }
                double value = Reducers.signed(rule.statistic(), perDay);
                if (worst == null || value > worst.value()) {
                    Instant at = Instant.ofEpochMilli((long) p[5]);
                    worst = new Observation(at, value, Evidence.fiber(cableId, cable == null ? null : cable.code(), at)
                            .located(Double.isNaN(p[2]) ? null : p[2], Double.isNaN(p[3]) ? null : p[3], p[1] - p[0], at)
                            .noted(String.format(Locale.ROOT, "change over %.2f d", (p[5] - p[4]) / 86_400_000.0)), null);
                }
            }
        }
        return RuleValue.of(worst);
    }

    private static TreeMap<Long, TraceStat> stats(TreeMap<Long, List<RawSample>> buckets) {
        TreeMap<Long, TraceStat> result = new TreeMap<>();
        buckets.forEach((bucket, samples) -> result.put(bucket, Reducers.statsOf(bucket, samples)));
        return result;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Long id(String tag) {
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
