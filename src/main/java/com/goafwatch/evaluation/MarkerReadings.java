package com.goafwatch.evaluation;

import com.goafwatch.threshold.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.goafwatch.geo.LeastSquaresRate;
import com.goafwatch.threshold.Metric;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.PointSeries;

/**
 * Settlement-marker metrics of one evaluation: one statement per rule window averages each marker's
 * settlement in time buckets (window ÷ 48, at least the trace bucket), one per baseline time reads the
 * markers' settlement at the baseline. Settlement, its rate (least squares over the buckets), tilt between
 * neighbouring markers and curvature at a marker between two neighbours are computed from those means.
 */
final class MarkerReadings {

    private static final String FIELD = PointSeries.FIELD_SETTLEMENT;

    private static String q(String identifier) {
        return InfluxQl.identifier(identifier);
    }

    private final MonitoringLayout layout;
    private final Baselines baselines;
    private final Instant now;
    private final long minBucketMs;
    private final Map<Long, Integer> bucketHandles = new HashMap<>();
    private final Map<Long, Integer> readingHandles = new HashMap<>();
    private final Map<Instant, Integer> baselineHandles = new HashMap<>();
    private int newestHandle = -1;
    /** window → marker → bucket → mean settlement relative to the marker's parcel baseline, mm */
    private final Map<Long, Map<Long, TreeMap<Long, Double>>> buckets = new HashMap<>();
    /** window → marker → reading time → settlement, for rates (a regression needs true times, not bucket starts) */
    private final Map<Long, Map<Long, TreeMap<Long, Double>>> readings = new HashMap<>();
    private final Map<Long, Instant> newestByMarker = new HashMap<>();

    MarkerReadings(StatementBatch batch, MonitoringLayout layout, Baselines baselines, Collection<ThresholdRule> rules, Set<Long> parcels,
            Instant now, long minBucketMs, long newestLookbackSeconds) {
        this.layout = layout;
        this.baselines = baselines;
        this.now = now;
        this.minBucketMs = minBucketMs;
        if (rules.isEmpty()) {
            return;
        }
        String filter = markerFilter(parcels);
        for (ThresholdRule rule : rules) {
            long w = rule.windowSeconds();
            bucketHandles.computeIfAbsent(w, k -> batch.add("SELECT mean(" + q(FIELD) + ") FROM " + q(PointSeries.SETTLEMENT) + " WHERE time > "
                    + (now.toEpochMilli() - w * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms" + filter + " GROUP BY time("
                    + bucketMs(w) + "ms), " + q(PointSeries.TAG_SENSOR) + " fill(none)"));
            if (rule.metric() == Metric.SETTLEMENT_RATE) {
                // levelling results are sparse (daily to hourly), so reading them raw stays small
                // the latest readings spanning the window: back to the reading before its start, two intervals earlier at most
                long lookbackMs = (w + 2 * maxIntervalSeconds(layout)) * 1000;
                readingHandles.computeIfAbsent(w, k -> batch.add("SELECT " + q(FIELD) + " FROM " + q(PointSeries.SETTLEMENT) + " WHERE time > "
                        + (now.toEpochMilli() - lookbackMs) + "ms AND time <= " + now.toEpochMilli() + "ms" + filter + " GROUP BY "
                        + q(PointSeries.TAG_SENSOR)));
            }
        }
        for (Instant at : new TreeSet<>(baselines.settlementByParcel().values())) {
            baselineHandles.put(at, batch.add("SELECT last(" + q(FIELD) + ") FROM " + q(PointSeries.SETTLEMENT) + " WHERE time <= "
                    + at.toEpochMilli() + "ms" + filter + " GROUP BY " + q(PointSeries.TAG_SENSOR)));
        }
        newestHandle = batch.add("SELECT last(" + q(FIELD) + ") FROM " + q(PointSeries.SETTLEMENT) + " WHERE time > "
                + (now.toEpochMilli() - newestLookbackSeconds * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms" + filter
                + " GROUP BY " + q(PointSeries.TAG_SENSOR));
    }

    private static long maxIntervalSeconds(MonitoringLayout layout) {
        return layout.markers().values().stream().mapToLong(MonitoringLayout.Marker::intervalSeconds).max().orElse(0);
    }

    long bucketMs(long windowSeconds) {
        return Math.max(minBucketMs, windowSeconds * 1000 / 48);
    }

    /** Markers of the parcels asked for, and their neighbours (tilt and curvature need both ends). */
    private String markerFilter(Set<Long> parcels) {
        if (parcels == null) {
            return "";
        }
        Set<Long> ids = new TreeSet<>();
        for (long p : parcels) {
            layout.markersByParcel().getOrDefault(p, List.of()).forEach(m -> ids.add(m.id()));
        }
        for (MonitoringLayout.MarkerPair pair : layout.pairs()) {
            if (ids.contains(pair.a().id()) || ids.contains(pair.b().id())) {
                ids.add(pair.a().id());
                ids.add(pair.b().id());
            }
        }
        if (ids.isEmpty()) {
            return " AND " + q(PointSeries.TAG_SENSOR) + " = ''";
        }
        return " AND (" + ids.stream().map(id -> q(PointSeries.TAG_SENSOR) + " = " + InfluxQl.stringLiteral(String.valueOf(id)))
                .collect(Collectors.joining(" OR ")) + ")";
    }

    void collect(StatementBatch batch) {
        Map<Instant, Map<Long, Double>> atBaseline = new HashMap<>();
        baselineHandles.forEach((at, handle) -> {
            Map<Long, Double> values = new HashMap<>();
            for (InfluxSeries s : batch.series(handle)) {
                Long marker = id(s.tags().get(PointSeries.TAG_SENSOR));
                Double v = s.rows().isEmpty() ? null : InfluxSeries.number(s.rows().get(0), "last");
                if (marker != null && v != null) {
                    values.put(marker, v);
                }
            }
            atBaseline.put(at, values);
        });
        bucketHandles.forEach((w, handle) -> {
            Map<Long, TreeMap<Long, Double>> byMarker = new HashMap<>();
            for (InfluxSeries s : batch.series(handle)) {
                Long markerId = id(s.tags().get(PointSeries.TAG_SENSOR));
                MonitoringLayout.Marker marker = markerId == null ? null : layout.markers().get(markerId);
                if (marker == null) {
                    continue;
                }
                Instant baseline = marker.parcelId() == null ? null : baselines.settlementByParcel().get(marker.parcelId());
                double zero = baseline == null ? 0.0 : atBaseline.getOrDefault(baseline, Map.of()).getOrDefault(markerId, 0.0);
                TreeMap<Long, Double> series = new TreeMap<>();
                for (Map<String, Object> r : s.rows()) {
                    Double mean = InfluxSeries.number(r, "mean");
                    if (mean != null) {
                        series.put(InfluxSeries.number(r, "time").longValue(), mean - zero);
                    }
                }
                byMarker.put(markerId, series);
            }
            buckets.put(w, byMarker);
        });
        readingHandles.forEach((w, handle) -> {
            Map<Long, TreeMap<Long, Double>> byMarker = new HashMap<>();
            for (InfluxSeries s : batch.series(handle)) {
                Long markerId = id(s.tags().get(PointSeries.TAG_SENSOR));
                if (markerId == null) {
                    continue;
                }
                TreeMap<Long, Double> series = new TreeMap<>();
                for (Map<String, Object> r : s.rows()) {
                    Double v = InfluxSeries.number(r, FIELD);
                    if (v != null) {
                        series.put(InfluxSeries.number(r, "time").longValue(), v);
                    }
                }
                byMarker.put(markerId, series);
            }
            readings.put(w, byMarker);
        });
        if (newestHandle >= 0) {
            for (InfluxSeries s : batch.series(newestHandle)) {
                Long marker = id(s.tags().get(PointSeries.TAG_SENSOR));
                if (marker != null && !s.rows().isEmpty()) {
                    newestByMarker.put(marker, Instant.ofEpochMilli(InfluxSeries.number(s.rows().get(0), "time").longValue()));
                }
            }
        }
    }

    /** Newest reading of any of the parcel's markers. */
    Instant newest(long parcelId) {
        Instant best = null;
        for (MonitoringLayout.Marker m : layout.markersByParcel().getOrDefault(parcelId, List.of())) {
            Instant t = newestByMarker.get(m.id());
            if (t != null && (best == null || t.isAfter(best))) {
                best = t;
            }
        }
        return best;
    }

    RuleValue value(ThresholdRule rule, long parcelId) {
        Map<Long, TreeMap<Long, Double>> series = buckets.getOrDefault(rule.windowSeconds(), Map.of());
        List<MonitoringLayout.Marker> own = layout.markersByParcel().getOrDefault(parcelId, List.of());
        if (rule.metric() == Metric.SETTLEMENT_RATE) {
            return rate(rule, own, readings.getOrDefault(rule.windowSeconds(), Map.of()));
        }
        // per bucket: the values of the parcel's markers (settlement), pairs (tilt) or triples (curvature)
        Map<Long, List<Observation>> perBucket = new TreeMap<>();
        if (rule.metric() == Metric.SETTLEMENT) {
            for (MonitoringLayout.Marker m : own) {
                series.getOrDefault(m.id(), new TreeMap<>()).forEach((t, v) -> perBucket.computeIfAbsent(t, k -> new ArrayList<>())
                        .add(new Observation(Instant.ofEpochMilli(t), v, Evidence.markers(List.of(m.code()), m.lon(), m.lat(),
                                Instant.ofEpochMilli(t), "settlement from baseline, mm"))));
            }
        } else if (rule.metric() == Metric.TILT) {
            for (MonitoringLayout.MarkerPair p : layout.pairs()) {
                if (!inParcel(parcelId, p.a(), p.b())) {
                    continue;
                }
                TreeMap<Long, Double> a = series.getOrDefault(p.a().id(), new TreeMap<>());
                TreeMap<Long, Double> b = series.getOrDefault(p.b().id(), new TreeMap<>());
                a.forEach((t, va) -> {
                    Double vb = b.get(t);
                    if (vb != null) {
                        perBucket.computeIfAbsent(t, k -> new ArrayList<>()).add(new Observation(Instant.ofEpochMilli(t),
                                (vb - va) / p.distanceM(), Evidence.markers(List.of(p.a().code(), p.b().code()),
                                        (p.a().lon() + p.b().lon()) / 2, (p.a().lat() + p.b().lat()) / 2, Instant.ofEpochMilli(t),
                                        String.format(Locale.ROOT, "markers %.1f m apart", p.distanceM()))));
                    }
                });
            }
        } else if (rule.metric() == Metric.CURVATURE) {
            for (MonitoringLayout.MarkerTriple tr : layout.triples()) {
                if (!inParcel(parcelId, tr.middle(), tr.middle())) {
                    continue;
                }
                TreeMap<Long, Double> a = series.getOrDefault(tr.first().id(), new TreeMap<>());
                TreeMap<Long, Double> b = series.getOrDefault(tr.middle().id(), new TreeMap<>());
                TreeMap<Long, Double> c = series.getOrDefault(tr.last().id(), new TreeMap<>());
                double d1 = tr.first().distanceTo(tr.middle());
                double d2 = tr.middle().distanceTo(tr.last());
                a.forEach((t, va) -> {
                    Double vb = b.get(t);
                    Double vc = c.get(t);
                    if (vb != null && vc != null) {
                        // change of tilt (mm/m) per metre = mm/m² = 10⁻³/m, the 1/km the rules are given in
                        double k = ((vc - vb) / d2 - (vb - va) / d1) / ((d1 + d2) / 2);
                        perBucket.computeIfAbsent(t, x -> new ArrayList<>()).add(new Observation(Instant.ofEpochMilli(t), k,
                                Evidence.markers(List.of(tr.first().code(), tr.middle().code(), tr.last().code()), tr.middle().lon(),
                                        tr.middle().lat(), Instant.ofEpochMilli(t), "curvature at the middle marker")));
                    }
                });
            }
        }
        if (perBucket.isEmpty()) {
            return RuleValue.NONE;
        }
        return switch (rule.statistic()) {
            case CHANGE -> RuleValue.of(change(perBucket));
            case MEAN -> {
                List<Observation> all = perBucket.values().stream().flatMap(List::stream).toList();
                Observation last = all.get(all.size() - 1);
                yield RuleValue.of(new Observation(last.time(), all.stream().mapToDouble(Observation::value).average().orElseThrow(),
                        last.evidence().noted("mean over " + all.size() + " values")));
            }
            case PERCENTILE -> {
                List<Observation> all = perBucket.values().stream().flatMap(List::stream)
                        .sorted(Comparator.comparingDouble(Observation::value)).toList();
                Double p = Reducers.percentile(all.stream().mapToDouble(Observation::value).toArray(), rule.statisticParameter());
                yield RuleValue.of(all.stream().filter(o -> o.value() == p).findFirst().orElseThrow());
            }
            default -> {
                List<Observation> perTime = new ArrayList<>();
                perBucket.values().forEach(list -> list.stream().map(o -> signed(rule, o))
                        .max(Comparator.comparingDouble(Observation::value)).ifPresent(perTime::add));
                yield RuleValue.of(Worst.of(perTime, rule.spikeFilter()));
            }
        };
    }

    /**
     * The largest change within the window of any marker (pair, triple): its newest value minus its first in
     * the window, judged by magnitude.
     */
    private static Observation change(Map<Long, List<Observation>> perBucket) {
        Map<List<String>, TreeMap<Long, Observation>> bySubject = new HashMap<>();
        perBucket.forEach((t, list) -> list.forEach(o -> bySubject.computeIfAbsent(o.evidence().markers(), k -> new TreeMap<>()).put(t, o)));
        Observation worst = null;
        for (TreeMap<Long, Observation> series : bySubject.values()) {
            TreeMap<Long, Double> values = new TreeMap<>();
            series.forEach((t, o) -> values.put(t, o.value()));
            double change = Reducers.changeWithinWindow(values);
            Observation last = series.lastEntry().getValue();
            Observation o = new Observation(last.time(), Math.abs(change), last.evidence().located(null, null, change, null)
                    .noted(String.format(Locale.ROOT, "change within the window: %.3f → %.3f", series.firstEntry().getValue().value(),
                            last.value())), null);
            if (worst == null || o.value() > worst.value()) {
                worst = o;
            }
        }
        return worst;
    }

    private static boolean inParcel(long parcelId, MonitoringLayout.Marker a, MonitoringLayout.Marker b) {
        return (a.parcelId() != null && a.parcelId() == parcelId) || (b.parcelId() != null && b.parcelId() == parcelId);
    }

    /** max: the value; min: its negation (uplift, hogging); max_abs: the magnitude. */
    private static Observation signed(ThresholdRule rule, Observation o) {
        double v = Reducers.signed(rule.statistic(), o.value());
        return new Observation(o.time(), v, o.evidence().located(null, null, o.value(), null), null);
    }

    /** The fastest marker's least-squares settlement rate over the window, mm/d. */
    private RuleValue rate(ThresholdRule rule, List<MonitoringLayout.Marker> own, Map<Long, TreeMap<Long, Double>> series) {
        Observation worst = null;
        for (MonitoringLayout.Marker m : own) {
            TreeMap<Long, Double> s = series.get(m.id());
            if (s == null || s.size() < 2) {
                continue;
            }
            NavigableMap<Long, Double> used = Reducers.latestReadings(s, rule.windowSeconds() / 86_400.0);
            if (used == null && s.lastKey() - s.firstKey() >= m.intervalSeconds() * 1000) {
                // a shorter history than the window: all of it, once it spans one levelling interval
                used = s;
            }
            Double slope = used == null ? null : LeastSquaresRate.perDay(used);
            if (slope == null) {
                continue;
            }
            Instant last = Instant.ofEpochMilli(s.lastKey());
            Observation o = signed(rule, new Observation(last, slope, Evidence.markers(List.of(m.code()), m.lon(), m.lat(), last,
                    String.format(Locale.ROOT, "least-squares rate over %d readings spanning %.1f d", used.size(),
                            (used.lastKey() - used.firstKey()) / 86_400_000.0))));
            if (worst == null || o.value() > worst.value()) {
                worst = o;
            }
        }
        return RuleValue.of(worst);
    }

    private static Long id(String tag) {
        try {
            return tag == null ? null : Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
