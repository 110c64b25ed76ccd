package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Metric;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.FiberSeries;

/**
 * The arithmetic side of fiber evaluation: from what {@link FiberReadings} read out of InfluxDB (per-trace
 * statistics, raw samples of baselined cables, percentiles, over-limit counts, each position's strain in
 * the rate traces), each rule's value for a parcel in the rule's unit, through {@link Reducers}. Strain becomes
 * ground strain here: divided by the cable's coupling coefficient. Spike-filtered extremes are returned as
 * per-trace candidates for {@link TraceConfirmation}.
 */
final class FiberValues {

    private static final String S = FiberSeries.FIELD_STRAIN;
    private static final String T = FiberSeries.FIELD_TEMPERATURE;

    private final FiberReadings readings;
    private final MonitoringLayout layout;
    private final Instant now;
    private final long bucketMs;
    private final int confirmationSamples;
    private final Map<Long, Map<Long, Map<Long, TreeMap<Long, TraceStat>>>> traces;
    private final Map<Long, Map<Long, Map<Long, TreeMap<Long, List<FiberReadings.RawSample>>>>> raw;
    private final Map<String, Map<Long, Map<Long, Double>>> percentiles;
    private final Map<String, Map<Long, Map<Long, Map<Long, Double>>>> lengthCounts;
    private final Map<Long, Map<Long, Map<Long, Map<Long, FiberRateReadings.PlaceTraces>>>> placeTraces;
    private final Map<Long, Map<Long, long[]>> rateTraceTimes;

    FiberValues(FiberReadings readings) {
        this.readings = readings;
        this.layout = readings.layout;
        this.now = readings.now;
        this.bucketMs = readings.bucketMs;
        this.confirmationSamples = readings.confirmationSamples;
        this.traces = readings.traces;
        this.raw = readings.raw;
        this.percentiles = readings.percentiles;
        this.lengthCounts = readings.lengthCounts;
        this.placeTraces = readings.rates.places;
        this.rateTraceTimes = readings.rates.traceTimes;
    }

    private long span(ThresholdRule rule) {
        return readings.span(rule);
    }

    private String lengthKey(ThresholdRule rule) {
        return readings.lengthKey(rule);
    }

    private static double orNaN(Double v) {
        return FiberReadings.orNaN(v);
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
        List<FiberReadings.RawSample> samples = raw.getOrDefault(span(rule), Map.of()).getOrDefault(parcelId, Map.of())
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
        List<FiberReadings.RawSample> samples = raw.getOrDefault(w, Map.of()).getOrDefault(parcelId, Map.of()).getOrDefault(cableId, new TreeMap<>())
                .get(bucket);
        if (samples == null) {
            return o;
        }
        FiberReadings.RawSample best = null;
        for (FiberReadings.RawSample s : samples) {
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
            Map<Long, List<FiberReadings.RawSample>> rawBuckets = raw.getOrDefault(span(rule), Map.of()).getOrDefault(parcelId, Map.of())
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

    /**
     * µε/d at the worst place: the least-squares slope of its ground strain (÷ coupling) over its cable's
     * rate traces; a place — a position bin, or a sample position for traces older than the bin rollup — needs two
     * of them spanning at least one cable interval (or the window, if shorter).
     */
    private RuleValue rate(ThresholdRule rule, long parcelId) {
        long w = span(rule);
        Map<Long, Map<Long, FiberRateReadings.PlaceTraces>> byCable = placeTraces.getOrDefault(w, Map.of()).getOrDefault(parcelId, Map.of());
        Observation worst = null;
        for (Map.Entry<Long, Map<Long, FiberRateReadings.PlaceTraces>> e : byCable.entrySet()) {
            long cableId = e.getKey();
            long[] times = rateTraceTimes.getOrDefault(w, Map.of()).get(cableId);
            MonitoringLayout.CableRef cable = layout.cables().get(cableId);
            if (times == null) {
                continue;
            }
            double k = cable == null ? 1.0 : cable.coupling();
            long minSpanMs = Math.min(rule.windowSeconds(), cable == null ? rule.windowSeconds() : cable.intervalSeconds()) * 1000;
            for (FiberRateReadings.PlaceTraces p : e.getValue().values()) {
                double[] ground = new double[times.length];
                for (int i = 0; i < times.length; i++) {
                    ground[i] = p.strain()[i] / k;
                }
                Double perDay = Reducers.rateOverTraces(times, ground, minSpanMs);
                if (perDay == null) {
                    continue;
                }
                double value = Reducers.signed(rule.statistic(), perDay);
                if (worst == null || value > worst.value()) {
                    int first = 0;
                    int last = times.length - 1;
                    while (!Double.isFinite(p.strain()[first])) {
                        first++;
                    }
                    while (!Double.isFinite(p.strain()[last])) {
                        last--;
                    }
                    long used = Arrays.stream(p.strain()).filter(Double::isFinite).count();
                    Instant at = Instant.ofEpochMilli(times[last]);
                    double chainage = p.chainageAndDistance()[0];
                    double distance = p.chainageAndDistance()[1];
                    worst = new Observation(at, value, Evidence.fiber(cableId, cable == null ? null : cable.code(), at)
                            .located(Double.isNaN(chainage) ? null : chainage, Double.isNaN(distance) ? null : distance,
                                    p.strain()[last] - p.strain()[first], at)
                            .noted(String.format(Locale.ROOT, "least-squares rate over %d traces spanning %.2f d", used,
                                    (times[last] - times[first]) / 86_400_000.0) + (p.binM() > 0
                                            ? ", of the mean of a " + new java.math.BigDecimal(String.valueOf(p.binM())).stripTrailingZeros().toPlainString() + " m bin" : "")), null);
                }
            }
        }
        return RuleValue.of(worst);
    }

    private static TreeMap<Long, TraceStat> stats(TreeMap<Long, List<FiberReadings.RawSample>> buckets) {
        TreeMap<Long, TraceStat> result = new TreeMap<>();
        buckets.forEach((bucket, samples) -> result.put(bucket, Reducers.statsOf(bucket, samples)));
        return result;
    }
}
