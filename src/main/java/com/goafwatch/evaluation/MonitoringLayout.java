package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What monitors each parcel of a project, read from PostGIS once per cycle: the cables crossing it (with
 * coupling and the fiber length inside the parcel), its settlement markers, and the neighbouring marker
 * pairs and triples that tilt and curvature are computed on.
 */
record MonitoringLayout(Map<Long, ParcelRef> parcels, Map<Long, List<CableSpan>> cablesByParcel, Map<Long, CableRef> cables,
        Map<Long, List<Marker>> markersByParcel, Map<Long, Marker> markers, List<MarkerPair> pairs, List<MarkerTriple> triples,
        Map<Long, Instant> rulesWatchedSince) {

    record ParcelRef(long id, long phaseId, String code) {
    }

    /**
     * @param intervalSeconds expected time between its traces (its own, the project's default, or 1 d)
     * @param since           when it was registered: the earliest its traces can be expected
     */
    record CableRef(long id, String code, double coupling, long intervalSeconds, Instant since) {
    }

    /** A cable's fiber inside one parcel. */
    record CableSpan(long cableId, double fiberLengthM) {
    }

    /**
     * A settlement marker; x/y in EPSG:4548 metres; expected time between levellings; {@code since}: registered or
     * installed, whichever is later (a marker registered ahead of its installation is not expected before it).
     */
    record Marker(long id, String code, Long parcelId, double x, double y, double lon, double lat, long intervalSeconds, Instant since) {

        double distanceTo(Marker other) {
            return Math.hypot(x - other.x, y - other.y);
        }
    }

    record MarkerPair(Marker a, Marker b, double distanceM) {
    }

    /** Three markers roughly in line, {@code middle} between the others: curvature is taken at the middle. */
    record MarkerTriple(Marker first, Marker middle, Marker last) {
    }

    boolean fiberMonitored(long parcelId) {
        return cablesByParcel.containsKey(parcelId);
    }

    boolean markerMonitored(long parcelId) {
        return markersByParcel.containsKey(parcelId);
    }

    /**
     * When monitoring of the rule on the parcel began: the later of the rule's creation and the registration of the
     * first of its sensors there (the earliest one: a marker added later must not hide the silence of the others).
     * Null when neither is known (a draft rule on a parcel with no sensor of its kind).
     */
    Instant monitoringBegan(com.goafwatch.threshold.ThresholdRule rule, long parcelId) {
        Instant sensors = rule.metric().fiber()
                ? cablesByParcel.getOrDefault(parcelId, List.of()).stream().map(s -> cables.get(s.cableId())).filter(c -> c != null)
                        .map(CableRef::since).min(Instant::compareTo).orElse(null)
                : markersByParcel.getOrDefault(parcelId, List.of()).stream().map(Marker::since).min(Instant::compareTo).orElse(null);
        Instant created = rulesWatchedSince.get(rule.id());
        if (sensors == null || created == null) {
            return sensors == null ? created : sensors;
        }
        return created.isAfter(sensors) ? created : sensors;
    }

    /** The longest expected reading interval among the cables crossing the parcel (0 when none does). */
    long fiberIntervalSeconds(long parcelId) {
        return cablesByParcel.getOrDefault(parcelId, List.of()).stream().map(s -> cables.get(s.cableId()))
                .mapToLong(c -> c == null ? 0 : c.intervalSeconds()).max().orElse(0);
    }

    /** The longest expected levelling interval among the parcel's markers (0 when it has none). */
    long markerIntervalSeconds(long parcelId) {
        return markersByParcel.getOrDefault(parcelId, List.of()).stream().mapToLong(Marker::intervalSeconds).max().orElse(0);
    }

    /**
     * Neighbours: each marker with its two nearest markers within {@code maxDistanceM}; triples where the
     * two neighbours lie on opposite sides (angle at the middle at least 120°), as along a levelling line.
     */
    static List<MarkerPair> pairs(List<Marker> markers, double maxDistanceM, List<MarkerTriple> triplesOut) {
        Map<String, MarkerPair> pairs = new HashMap<>();
        for (Marker m : markers) {
            List<Marker> near = new ArrayList<>(markers.stream().filter(o -> o.id() != m.id() && m.distanceTo(o) <= maxDistanceM)
                    .sorted(Comparator.comparingDouble(m::distanceTo)).limit(2).toList());
            for (Marker n : near) {
                Marker a = m.id() < n.id() ? m : n;
                Marker b = m.id() < n.id() ? n : m;
                pairs.putIfAbsent(a.id() + "/" + b.id(), new MarkerPair(a, b, a.distanceTo(b)));
            }
            if (near.size() == 2) {
                Marker i = near.get(0);
                Marker k = near.get(1);
                double ax = i.x() - m.x();
                double ay = i.y() - m.y();
                double bx = k.x() - m.x();
                double by = k.y() - m.y();
                double cos = (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by));
                if (cos <= -0.5) {
                    triplesOut.add(new MarkerTriple(i, m, k));
                }
            }
        }
        return List.copyOf(pairs.values());
    }
}
