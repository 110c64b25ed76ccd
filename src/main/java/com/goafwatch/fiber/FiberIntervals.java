package com.goafwatch.fiber;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Cuts a cable's calibrated fiber span into intervals that each lie in one parcel (or none), from the
 * parcel spans along the route. Pure computation: PostGIS finds the spans, this class maps them through
 * the calibration, including slack loops (the whole loop takes the parcel where it lies) and
 * turn-arounds (the fiber crosses the same parcel twice).
 */
public final class FiberIntervals {

    private static final double EPS = 1e-9;
    /** Parcel boundaries closer than a millimetre of fiber to another cut are the same cut (no sliver intervals). */
    private static final double MIN_CUT_M = 1e-3;

    private FiberIntervals() {
    }

    public static List<FiberInterval> compute(Calibration calibration, List<ParcelSpan> spans) {
        List<FiberInterval> result = new ArrayList<>();
        for (Calibration.Piece piece : calibration.pieces()) {
            for (double[] cut : cuts(piece, spans)) {
                double midChainage = piece.chainageAt((cut[0] + cut[1]) / 2);
                Long parcel = parcelAt(midChainage, spans);
                append(result, new FiberInterval(cut[0], cut[1], piece.chainageAt(cut[0]), piece.chainageAt(cut[1]), parcel));
            }
        }
        return result;
    }

    /** Fiber sub-ranges of a piece between consecutive parcel boundaries. */
    private static List<double[]> cuts(Calibration.Piece piece, List<ParcelSpan> spans) {
        double f0 = piece.from().fiberDistanceM();
        double f1 = piece.to().fiberDistanceM();
        TreeSet<Double> breaks = new TreeSet<>(List.of(f0, f1));
        if (!piece.isSlackLoop()) {
            double cMin = Math.min(piece.from().chainageM(), piece.to().chainageM());
            double cMax = Math.max(piece.from().chainageM(), piece.to().chainageM());
            for (ParcelSpan s : spans) {
                for (double boundary : new double[] {s.chainageFromM(), s.chainageToM()}) {
                    if (boundary > cMin && boundary < cMax) {
                        double fiber = piece.fiberAt(boundary);
                        if (breaks.subSet(fiber - MIN_CUT_M, true, fiber + MIN_CUT_M, true).isEmpty()) {
                            breaks.add(fiber);
                        }
                    }
                }
            }
        }
        List<double[]> cuts = new ArrayList<>();
        Double previous = null;
        for (double b : breaks) {
            if (previous != null && b - previous > EPS) {
                cuts.add(new double[] {previous, b});
            }
            previous = b;
        }
        return cuts;
    }

    private static Long parcelAt(double chainageM, List<ParcelSpan> spans) {
        return spans.stream().filter(s -> s.contains(chainageM)).map(ParcelSpan::parcelId).findFirst().orElse(null);
    }

    /** Appends, merging with the previous interval when it continues it in the same parcel. */
    private static void append(List<FiberInterval> result, FiberInterval next) {
        if (!result.isEmpty()) {
            FiberInterval last = result.get(result.size() - 1);
            boolean contiguous = Math.abs(last.fiberToM() - next.fiberFromM()) < EPS;
            boolean sameDirection = Math.signum(last.chainageToM() - last.chainageFromM())
                    == Math.signum(next.chainageToM() - next.chainageFromM());
            if (contiguous && sameDirection && Objects.equals(last.parcelId(), next.parcelId())) {
                result.set(result.size() - 1, new FiberInterval(last.fiberFromM(), next.fiberToM(), last.chainageFromM(),
                        next.chainageToM(), last.parcelId()));
                return;
            }
        }
        result.add(next);
    }
}
