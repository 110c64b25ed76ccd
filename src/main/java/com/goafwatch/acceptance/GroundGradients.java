package com.goafwatch.acceptance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tilt and curvature of the ground from neighbouring settlement markers (pure). Tilt between two neighbours is the
 * difference of their settlement over the distance between them, i = Δs / l (mm/m); curvature at a middle marker is the
 * difference of the tilts on either side over the mean of the two distances, K = (i₂ − i₁) / ((l₁ + l₂) / 2), in mm/m² =
 * 10⁻³/m (the unit of the damage classes in the domain notes: class I ≤ 3 mm/m and ≤ 0.2 × 10⁻³/m). Neighbours as the
 * monitoring rules take them: each marker's two nearest markers within {@code maxDistanceM}; a triple where the two lie on
 * opposite sides of the middle one (angle at the middle ≥ 120°), as along a levelling line.
 */
public final class GroundGradients {

    /** A marker in a projected CRS (metres) with its settlement (mm, positive down) over the period judged. */
    public record Marker(String code, double x, double y, double settlementMm) {

        double distanceTo(Marker o) {
            return Math.hypot(x - o.x, y - o.y);
        }
    }

    /** Tilt (mm/m, signed: positive when {@code to} settled more) between two neighbours {@code distanceM} apart. */
    public record Tilt(String from, String to, double distanceM, double mmPerM) {
    }

    /** Curvature at {@code middle} (10⁻³/m, signed as the change of tilt from first to last; the verdict takes its magnitude). */
    public record Curvature(String first, String middle, String last, double perKm) {
    }

    /** All tilts and curvatures of a set of markers. */
    public record Result(List<Tilt> tilts, List<Curvature> curvatures) {

        public static final Result NONE = new Result(List.of(), List.of());

        /** The tilt of largest magnitude, or null without neighbours. */
        public Tilt steepest() {
            return tilts.stream().max(Comparator.comparingDouble(t -> Math.abs(t.mmPerM()))).orElse(null);
        }

        /** The curvature of largest magnitude, or null without a triple. */
        public Curvature sharpest() {
            return curvatures.stream().max(Comparator.comparingDouble(c -> Math.abs(c.perKm()))).orElse(null);
        }

        /** Only the tilts touching and the curvatures centred on one of {@code codes} (a parcel's markers). */
        public Result of(java.util.Set<String> codes) {
            return new Result(tilts.stream().filter(t -> codes.contains(t.from()) || codes.contains(t.to())).toList(),
                    curvatures.stream().filter(c -> codes.contains(c.middle())).toList());
        }
    }

    private GroundGradients() {
    }

    public static Result of(List<Marker> markers, double maxDistanceM) {
        Map<String, Tilt> tilts = new LinkedHashMap<>();
        List<Curvature> curvatures = new ArrayList<>();
        for (Marker m : markers) {
            List<Marker> near = markers.stream().filter(o -> o != m && !o.code().equals(m.code()) && m.distanceTo(o) <= maxDistanceM)
                    .sorted(Comparator.comparingDouble(m::distanceTo)).limit(2).toList();
            for (Marker n : near) {
                Marker a = m.code().compareTo(n.code()) < 0 ? m : n;
                Marker b = a == m ? n : m;
                tilts.putIfAbsent(a.code() + "/" + b.code(), tilt(a, b));
            }
            if (near.size() == 2 && oppositeSides(near.get(0), m, near.get(1))) {
                curvatures.add(curvature(near.get(0), m, near.get(1)));
            }
        }
        return new Result(List.copyOf(tilts.values()), List.copyOf(curvatures));
    }

    static Tilt tilt(Marker a, Marker b) {
        double l = a.distanceTo(b);
        return new Tilt(a.code(), b.code(), l, (b.settlementMm() - a.settlementMm()) / l);
    }

    static Curvature curvature(Marker first, Marker middle, Marker last) {
        double l1 = first.distanceTo(middle);
        double l2 = middle.distanceTo(last);
        double i1 = (middle.settlementMm() - first.settlementMm()) / l1;
        double i2 = (last.settlementMm() - middle.settlementMm()) / l2;
        // mm/m per m = mm/m² = 10⁻³/m
        return new Curvature(first.code(), middle.code(), last.code(), (i2 - i1) / ((l1 + l2) / 2));
    }

    private static boolean oppositeSides(Marker i, Marker m, Marker k) {
        double ax = i.x() - m.x();
        double ay = i.y() - m.y();
        double bx = k.x() - m.x();
        double by = k.y() - m.y();
        return (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by)) <= -0.5;
    }
}
