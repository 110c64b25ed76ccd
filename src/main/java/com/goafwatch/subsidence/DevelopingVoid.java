package com.goafwatch.subsidence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A local subsidence event for the demo: a residual void migrating upward under one spot, seen at the
 * surface as a growing settlement trough. The trough is a sum of radially symmetric bowls (the
 * probability-integral influence function of a small source, W(ρ) = W·share·exp(−π ρ²/R²)): a narrow one
 * above the migrating void front and a wide, shallow one from the deeper part of the void. Horizontal
 * strain along a direction follows the same relation as over the panels, ε = b·R·∂²W/∂s², so the fiber
 * sees compression over the bowl (tens of metres) and tension at its rims, persisting and growing from
 * trace to trace — never a single sample.
 *
 * <p>Time: the depth W(t) grows quadratically from zero at {@code onset} to {@code depthAtStartMm} at
 * {@code start} (weeks of slow migration the levelling picks up), then, once the story is live, towards
 * {@code finalDepthMm} with the time constant {@code tau} (the void's roof giving way). Settlement in mm,
 * positive downward; strain in µε, tension positive. Coordinates in EPSG:4548 metres.
 *
 * @param bowls one entry per bowl: {radius R in m, share of W}
 */
public record DevelopingVoid(double centreE, double centreN, List<double[]> bowls, double b, Instant onset, Instant start,
        double depthAtStartMm, double finalDepthMm, Duration tau) {

    /** Depth of the trough's reference bowl at a time (the story clock), mm. */
    public double depthMm(Instant t) {
        if (!t.isAfter(onset)) {
            return 0;
        }
        if (t.isBefore(start)) {
            double x = (double) Duration.between(onset, t).toMillis() / Duration.between(onset, start).toMillis();
            return depthAtStartMm * x * x;
        }
        double m = (double) Duration.between(start, t).toMillis() / tau.toMillis();
        return depthAtStartMm + (finalDepthMm - depthAtStartMm) * (1 - Math.exp(-m));
    }

    /** Settlement of the trough at a point, mm (positive downward). */
    public double settlementMm(double e, double n, Instant t) {
        double rho2 = sq(e - centreE) + sq(n - centreN);
        double w = depthMm(t);
        double sum = 0;
        for (double[] bowl : bowls) {
            sum += w * bowl[1] * Math.exp(-Math.PI * rho2 / sq(bowl[0]));
        }
        return sum;
    }

    /**
     * Horizontal ground strain of the trough at a point along {@code directionDeg} (degrees counter-clockwise
     * from east), µε, tension positive.
     */
    public double strainUe(double e, double n, double directionDeg, Instant t) {
        double w = depthMm(t);
        if (w == 0) {
            return 0;
        }
        double dx = e - centreE;
        double dy = n - centreN;
        double a = Math.toRadians(directionDeg);
        double along = dx * Math.cos(a) + dy * Math.sin(a);
        double rho2 = dx * dx + dy * dy;
        double strainMmPerM = 0;
        for (double[] bowl : bowls) {
            double r2 = sq(bowl[0]);
            double k = 2 * Math.PI / r2;
            // ∂²/∂s² of W·share·exp(−π ρ²/R²) along the unit direction s
            double second = w * bowl[1] * Math.exp(-Math.PI * rho2 / r2) * k * (k * along * along - 1);
            strainMmPerM += b * bowl[0] * second;
        }
        return strainMmPerM * 1000;
    }

    private static double sq(double v) {
        return v * v;
    }
}
