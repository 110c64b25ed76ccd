package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.goafwatch.threshold.Metric;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.PointSeries;
import com.goafwatch.timeseries.SurveySeries;

/**
 * The InfluxDB side of settlement-marker evaluation: one statement per rule window averages each marker's
 * settlement in time buckets (window ÷ 48, at least the trace bucket), one per rate window reads the
 * levellings back to two intervals before the window (the latest readings spanning it), one per baseline
 * time reads the markers' settlement at the baseline, one the newest levelling. Horizontal-displacement rules
 * read the 3-D survey the same way (InfluxDB {@code survey}: {@code horizontal_mm}, already counted from each
 * marker's survey baseline at ingestion): bucket means per window, raw readings for rates, the newest survey.
 * {@link MarkerValues} does the arithmetic.
 */
final class MarkerReadings {

    private static final String FIELD = PointSeries.FIELD_SETTLEMENT;

    private static String q(String identifier) {
        return InfluxQl.identifier(identifier);
    }

    final MonitoringLayout layout;
    private final Baselines baselines;
    private final Instant now;
    private final long minBucketMs;
    private final Map<Long, Integer> bucketHandles = new HashMap<>();
    private final Map<Long, Integer> readingHandles = new HashMap<>();
    private final Map<Instant, Integer> baselineHandles = new HashMap<>();
    private int newestHandle = -1;
    private final Map<Long, Integer> surveyBucketHandles = new HashMap<>();
    private final Map<Long, Integer> surveyReadingHandles = new HashMap<>();
    private int newestSurveyHandle = -1;
    /** window → marker → bucket → mean horizontal displacement from the survey baseline, mm */
    final Map<Long, Map<Long, TreeMap<Long, Double>>> surveyBuckets = new HashMap<>();
    /** window → marker → survey time → horizontal displacement, mm, for rates */
    final Map<Long, Map<Long, TreeMap<Long, Double>>> surveyReadings = new HashMap<>();
    private final Map<Long, Instant> newestSurveyByMarker = new HashMap<>();
    /** window → marker → bucket → mean settlement relative to the marker's parcel baseline, mm */
    final Map<Long, Map<Long, TreeMap<Long, Double>>> buckets = new HashMap<>();
    /** window → marker → reading time → settlement, for rates (a regression needs true times, not bucket starts) */
    final Map<Long, Map<Long, TreeMap<Long, Double>>> readings = new HashMap<>();
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
        boolean levelling = false;
        for (ThresholdRule rule : rules) {
            long w = rule.windowSeconds();
            if (rule.metric().survey()) {
                surveyStatements(batch, rule, filter);
                continue;
            }
            levelling = true;
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
        if (levelling) {
            newestHandle = batch.add("SELECT last(" + q(FIELD) + ") FROM " + q(PointSeries.SETTLEMENT) + " WHERE time > "
                    + (now.toEpochMilli() - newestLookbackSeconds * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms" + filter
                    + " GROUP BY " + q(PointSeries.TAG_SENSOR));
        }
        if (!surveyBucketHandles.isEmpty()) {
            newestSurveyHandle = batch.add("SELECT last(" + q(SurveySeries.FIELD_HORIZONTAL) + ") FROM " + q(SurveySeries.MEASUREMENT)
                    + " WHERE time > " + (now.toEpochMilli() - newestLookbackSeconds * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms"
                    + filter + " GROUP BY " + q(SurveySeries.TAG_SENSOR));
        }
    }

    /** The survey's statements of a horizontal-displacement rule, batched like the levelling's (one per window). */
    private void surveyStatements(StatementBatch batch, ThresholdRule rule, String filter) {
        long w = rule.windowSeconds();
        String field = q(SurveySeries.FIELD_HORIZONTAL);
        surveyBucketHandles.computeIfAbsent(w, k -> batch.add("SELECT mean(" + field + ") FROM " + q(SurveySeries.MEASUREMENT) + " WHERE time > "
                + (now.toEpochMilli() - w * 1000) + "ms AND time <= " + now.toEpochMilli() + "ms" + filter + " GROUP BY time("
                + bucketMs(w) + "ms), " + q(SurveySeries.TAG_SENSOR) + " fill(none)"));
        if (rule.metric() == Metric.HORIZONTAL_DISPLACEMENT_RATE) {
            // surveys are sparse (weeks apart) like levellings: raw, back to two intervals before the window
            long lookbackMs = (w + 2 * maxIntervalSeconds(layout)) * 1000;
            surveyReadingHandles.computeIfAbsent(w, k -> batch.add("SELECT " + field + " FROM " + q(SurveySeries.MEASUREMENT) + " WHERE time > "
                    + (now.toEpochMilli() - lookbackMs) + "ms AND time <= " + now.toEpochMilli() + "ms" + filter + " GROUP BY "
                    + q(SurveySeries.TAG_SENSOR)));
        }
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
        surveyBucketHandles.forEach((w, handle) -> surveyBuckets.put(w, bySensor(batch, handle, "mean")));
        surveyReadingHandles.forEach((w, handle) -> surveyReadings.put(w, bySensor(batch, handle, SurveySeries.FIELD_HORIZONTAL)));
        if (newestSurveyHandle >= 0) {
            bySensor(batch, newestSurveyHandle, "last").forEach((marker, series) -> {
                if (!series.isEmpty()) {
                    newestSurveyByMarker.put(marker, Instant.ofEpochMilli(series.lastKey()));
                }
            });
        }
        if (newestHandle >= 0) {
            for (InfluxSeries s : batch.series(newestHandle)) {
                Long marker = id(s.tags().get(PointSeries.TAG_SENSOR));
                if (marker != null && !s.rows().isEmpty()) {
                    newestByMarker.put(marker, Instant.ofEpochMilli(InfluxSeries.number(s.rows().get(0), "time").longValue()));
                }
            }
        }
    }

    /** marker → time → the column's value, of one statement grouped by sensor */
    private static Map<Long, TreeMap<Long, Double>> bySensor(StatementBatch batch, int handle, String column) {
        Map<Long, TreeMap<Long, Double>> byMarker = new HashMap<>();
        for (InfluxSeries s : batch.series(handle)) {
            Long markerId = id(s.tags().get(SurveySeries.TAG_SENSOR));
            if (markerId == null) {
                continue;
            }
            TreeMap<Long, Double> series = byMarker.computeIfAbsent(markerId, k -> new TreeMap<>());
            for (Map<String, Object> r : s.rows()) {
                Double v = InfluxSeries.number(r, column);
                if (v != null) {
                    series.put(InfluxSeries.number(r, "time").longValue(), v);
                }
            }
        }
        return byMarker;
    }

    /** Newest levelling of any of the parcel's markers. */
    Instant newest(long parcelId) {
        return newest(parcelId, newestByMarker);
    }

    /** Newest 3-D survey of any of the parcel's markers. */
    Instant newestSurvey(long parcelId) {
        return newest(parcelId, newestSurveyByMarker);
    }

    private Instant newest(long parcelId, Map<Long, Instant> byMarker) {
        Instant best = null;
        for (MonitoringLayout.Marker m : layout.markersByParcel().getOrDefault(parcelId, List.of())) {
            Instant t = byMarker.get(m.id());
            if (t != null && (best == null || t.isAfter(best))) {
                best = t;
            }
        }
        return best;
    }


    private static Long id(String tag) {
        try {
            return tag == null ? null : Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
