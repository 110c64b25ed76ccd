package com.goafwatch.fiber;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Piecewise-linear map from fiber distance (what the interrogator reports, metres from the instrument
 * connector) to chainage (metres along the mapped route). Lead-in cable lies before the first point;
 * a slack loop is a piece whose chainage stands still; a turn-around is a piece whose chainage falls.
 * Fiber distances must strictly increase. Distances outside [first, last] are <em>unmapped</em>.
 */
public final class Calibration {

    /** One reference point measured on site (e.g. by heating or tapping the cable at a known place). */
    public record Point(double fiberDistanceM, double chainageM) {
    }

    private final List<Point> points;

    private Calibration(List<Point> points) {
        this.points = List.copyOf(points);
    }

    /**
     * @throws IllegalArgumentException naming the first offending point (index, values)
     */
    public static Calibration of(List<Point> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a calibration needs at least 2 points; got " + points.size());
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!Double.isFinite(p.fiberDistanceM()) || !Double.isFinite(p.chainageM()) || p.fiberDistanceM() < 0 || p.chainageM() < 0) {
                throw new IllegalArgumentException("calibration point " + i + " must have finite, non-negative distances; got "
                        + p.fiberDistanceM() + " → " + p.chainageM());
            }
            if (i > 0 && p.fiberDistanceM() <= points.get(i - 1).fiberDistanceM()) {
                throw new IllegalArgumentException("calibration fiber distances must strictly increase; point " + i + " ("
                        + p.fiberDistanceM() + " m) is not after point " + (i - 1) + " (" + points.get(i - 1).fiberDistanceM() + " m)");
            }
        }
        return new Calibration(points);
    }

    /** Fiber distance equals chainage over [0, length]: a cable without measured reference points. */
    public static Calibration identity(double lengthM) {
        return new Calibration(List.of(new Point(0, 0), new Point(lengthM, lengthM)));
    }

    public List<Point> points() {
        return points;
    }

    public double firstFiberDistanceM() {
        return points.get(0).fiberDistanceM();
    }

    public double lastFiberDistanceM() {
        return points.get(points.size() - 1).fiberDistanceM();
    }

    public double maxChainageM() {
        return points.stream().mapToDouble(Point::chainageM).max().orElse(0);
    }

    /** @return the chainage, or empty when the distance lies outside the calibrated span */
    public OptionalDouble chainageAt(double fiberDistanceM) {
        if (!(fiberDistanceM >= firstFiberDistanceM() && fiberDistanceM <= lastFiberDistanceM())) {
            return OptionalDouble.empty();
        }
        int lo = 0;
        int hi = points.size() - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).fiberDistanceM() <= fiberDistanceM) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Point a = points.get(lo);
        Point b = points.get(hi);
        double t = (fiberDistanceM - a.fiberDistanceM()) / (b.fiberDistanceM() - a.fiberDistanceM());
        return OptionalDouble.of(a.chainageM() + t * (b.chainageM() - a.chainageM()));
    }

    /** The calibration's linear pieces, in fiber order. */
    List<Piece> pieces() {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            pieces.add(new Piece(points.get(i), points.get(i + 1)));
        }
        return pieces;
    }

    record Piece(Point from, Point to) {

        boolean isSlackLoop() {
            return from.chainageM() == to.chainageM();
        }

        /** Fiber distance at which this piece passes the given chainage (must lie within the piece's chainage range). */
        double fiberAt(double chainageM) {
            double t = (chainageM - from.chainageM()) / (to.chainageM() - from.chainageM());
            return from.fiberDistanceM() + t * (to.fiberDistanceM() - from.fiberDistanceM());
        }

        double chainageAt(double fiberDistanceM) {
            double t = (fiberDistanceM - from.fiberDistanceM()) / (to.fiberDistanceM() - from.fiberDistanceM());
            return from.chainageM() + t * (to.chainageM() - from.chainageM());
        }
    }
}
