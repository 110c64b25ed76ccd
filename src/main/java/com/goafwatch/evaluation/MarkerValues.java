package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.goafwatch.geo.LeastSquaresRate;
import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Metric;
import com.goafwatch.threshold.ThresholdRule;

/**
 * The arithmetic side of marker evaluation: from the bucketed settlement means and raw levellings that
 * {@link MarkerReadings} read, each rule's value for a parcel — settlement, tilt between neighbours,
 * curvature at a middle marker, the least-squares rate over the latest levellings spanning the window, and
 * the change within the window — through {@link Reducers}. Settlement in mm, positive downward. Horizontal
 * displacement (3-D survey, mm from each marker's survey baseline) and its rate take the same paths as
 * settlement and its rate.
 */
final class MarkerValues {

    private final MonitoringLayout layout;
    private final Map<Long, Map<Long, TreeMap<Long, Double>>> buckets;
    private final Map<Long, Map<Long, TreeMap<Long, Double>>> readings;
    private final Map<Long, Map<Long, TreeMap<Long, Double>>> surveyBuckets;
    private final Map<Long, Map<Long, TreeMap<Long, Double>>> surveyReadings;

    MarkerValues(MarkerReadings read) {
        this.layout = read.layout;
        this.buckets = read.buckets;
        this.readings = read.readings;
        this.surveyBuckets = read.surveyBuckets;
        this.surveyReadings = read.surveyReadings;
    }

    RuleValue value(ThresholdRule rule, long parcelId) {
        boolean survey = rule.metric().survey();
        Map<Long, TreeMap<Long, Double>> series = (survey ? surveyBuckets : buckets).getOrDefault(rule.windowSeconds(), Map.of());
        List<MonitoringLayout.Marker> own = layout.markersByParcel().getOrDefault(parcelId, List.of());
        if (rule.metric() == Metric.SETTLEMENT_RATE || rule.metric() == Metric.HORIZONTAL_DISPLACEMENT_RATE) {
            return rate(rule, own, (survey ? surveyReadings : readings).getOrDefault(rule.windowSeconds(), Map.of()));
        }
        // per bucket: the values of the parcel's markers (settlement), pairs (tilt) or triples (curvature)
        Map<Long, List<Observation>> perBucket = new TreeMap<>();
        if (rule.metric() == Metric.SETTLEMENT || rule.metric() == Metric.HORIZONTAL_DISPLACEMENT) {
            String note = survey ? "horizontal displacement from the survey baseline, mm" : "settlement from baseline, mm";
            for (MonitoringLayout.Marker m : own) {
                series.getOrDefault(m.id(), new TreeMap<>()).forEach((t, v) -> perBucket.computeIfAbsent(t, k -> new ArrayList<>())
                        .add(new Observation(Instant.ofEpochMilli(t), v, Evidence.markers(List.of(m.code()), m.lon(), m.lat(),
                                Instant.ofEpochMilli(t), note))));
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

    /** The fastest marker's least-squares rate (settlement or horizontal displacement) over the window, mm/d. */
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
}
