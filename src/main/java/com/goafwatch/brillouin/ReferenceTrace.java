package com.goafwatch.brillouin;

import java.time.Instant;

/**
 * A cable's reference (baseline) trace of the Brillouin shift, sorted by fiber distance. Values between
 * samples are interpolated linearly; a distance outside the trace, or between two samples farther apart
 * than {@code maxGapM}, has no reference. Absent optional columns are NaN.
 */
public final class ReferenceTrace {

    /** The reference at one distance: shift (MHz), reference-fiber shift (MHz, NaN if absent), temperature (°C, NaN if absent). */
    public record At(double shiftMhz, double referenceShiftMhz, double temperatureC) {
    }

    private final long id;
    private final Instant takenAt;
    private final ShiftKind kind;
    private final double[] distanceM;
    private final double[] shiftMhz;
    private final double[] referenceShiftMhz;
    private final double[] temperatureC;

    public ReferenceTrace(long id, Instant takenAt, ShiftKind kind, double[] distanceM, double[] shiftMhz, double[] referenceShiftMhz,
            double[] temperatureC) {
        for (int i = 1; i < distanceM.length; i++) {
            if (!(distanceM[i] > distanceM[i - 1])) {
                throw new IllegalArgumentException("reference distances must strictly increase; " + distanceM[i] + " m follows "
                        + distanceM[i - 1] + " m");
            }
        }
        this.id = id;
        this.takenAt = takenAt;
        this.kind = kind;
        this.distanceM = distanceM;
        this.shiftMhz = shiftMhz;
        this.referenceShiftMhz = referenceShiftMhz;
        this.temperatureC = temperatureC;
    }

    public long id() {
        return id;
    }

    public Instant takenAt() {
        return takenAt;
    }

    public ShiftKind kind() {
        return kind;
    }

    public int size() {
        return distanceM.length;
    }

    public double firstDistanceM() {
        return distanceM[0];
    }

    public double lastDistanceM() {
        return distanceM[distanceM.length - 1];
    }

    /** @return the interpolated reference, or null when the distance lies outside it or in a gap wider than maxGapM */
    public At at(double d, double maxGapM) {
        int n = distanceM.length;
        if (d < distanceM[0] || d > distanceM[n - 1]) {
            return null;
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (distanceM[mid] <= d) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (distanceM[lo] == d || n == 1) {
            return new At(shiftMhz[lo], referenceShiftMhz[lo], temperatureC[lo]);
        }
        if (distanceM[hi] == d) {
            return new At(shiftMhz[hi], referenceShiftMhz[hi], temperatureC[hi]);
        }
        if (distanceM[hi] - distanceM[lo] > maxGapM) {
            return null;
        }
        double t = (d - distanceM[lo]) / (distanceM[hi] - distanceM[lo]);
        return new At(lerp(shiftMhz, lo, hi, t), lerp(referenceShiftMhz, lo, hi, t), lerp(temperatureC, lo, hi, t));
    }

    private static double lerp(double[] v, int lo, int hi, double t) {
        return v[lo] + t * (v[hi] - v[lo]);
    }
}
