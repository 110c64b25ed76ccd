package com.goafwatch.fiber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Horizontal displacement along a cable from one ground-strain profile: u(x) = ∫ ε dx from the anchored end (the
 * profile's first chainage, where u = 0), by the trapezoidal rule. µε × m = 10⁻⁶ m = 10⁻³ mm. Positive u points towards
 * higher chainage (the ground stretched between the anchor and x).
 *
 * <p>Only the component along the cable is seen. A gap — a step between neighbouring samples longer than
 * {@value #GAP_FACTOR} times the profile's median step — is not bridged: the integral from the anchor is unknown beyond
 * it, so the curve ends there (it is not restarted at zero, which would claim the far side is anchored too).
 */
public final class AxialDisplacement {

    /** A missing sample doubles a step; 1.5 × the median catches that and tolerates uneven calibrated spacing. */
    public static final double GAP_FACTOR = 1.5;

    private AxialDisplacement() {
    }

    /**
     * @param points  chainage (m) and displacement u (mm), from the anchor to the last sample before any gap
     * @param gapAtM  the chainage where the curve ends at a gap, or null when it runs to the profile's end
     */
    public record Curve(List<double[]> points, Double gapAtM) {

        public boolean isEmpty() {
            return points.size() < 2;
        }

        /** The sample of largest |u| (the first of equals), or null for an empty curve. */
        public double[] largest() {
            return points.stream().max(Comparator.comparingDouble(p -> Math.abs(p[1]))).orElse(null);
        }

        public double[] last() {
            return points.isEmpty() ? null : points.get(points.size() - 1);
        }
    }

    /** @param profile {chainage m, ground strain µε} in any order; samples at the same chainage are averaged */
    public static Curve integrate(List<double[]> profile) {
        double[][] samples = merged(profile);
        List<double[]> out = new ArrayList<>();
        if (samples.length < 2) {
            return new Curve(samples.length == 1 ? List.of(new double[] {samples[0][0], 0}) : List.of(), null);
        }
        double limit = GAP_FACTOR * medianStep(samples);
        double u = 0;
        out.add(new double[] {samples[0][0], 0});
        for (int i = 1; i < samples.length; i++) {
            double dx = samples[i][0] - samples[i - 1][0];
            if (dx > limit) {
                return new Curve(List.copyOf(out), samples[i - 1][0]);
            }
            u += (samples[i - 1][1] + samples[i][1]) / 2 * dx * 1e-3;
            out.add(new double[] {samples[i][0], u});
        }
        return new Curve(List.copyOf(out), null);
    }

    /** Sorted by chainage, non-finite values dropped, samples at one chainage (a slack loop) averaged. */
    private static double[][] merged(List<double[]> profile) {
        double[][] sorted = profile.stream().filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1]))
                .sorted(Comparator.comparingDouble(p -> p[0])).toArray(double[][]::new);
        List<double[]> merged = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            double sum = 0;
            while (j < sorted.length && sorted[j][0] == sorted[i][0]) {
                sum += sorted[j][1];
                j++;
            }
            merged.add(new double[] {sorted[i][0], sum / (j - i)});
            i = j;
        }
        return merged.toArray(double[][]::new);
    }

    private static double medianStep(double[][] samples) {
        double[] steps = new double[samples.length - 1];
        for (int i = 1; i < samples.length; i++) {
            steps[i - 1] = samples[i][0] - samples[i - 1][0];
        }
        Arrays.sort(steps);
        int n = steps.length;
        return n % 2 == 1 ? steps[n / 2] : (steps[n / 2 - 1] + steps[n / 2]) / 2;
    }
}
