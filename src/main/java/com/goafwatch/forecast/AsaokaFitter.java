package com.goafwatch.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Asaoka's observational method: the series is read at equal intervals Δt (linear interpolation between readings),
 * s_j = β₀ + β₁·s_{j−1} is fitted by ordinary least squares, and the final settlement is the fixed point
 * β₀ / (1 − β₁). Δt is the median reading interval, but at least 1/24 of the span: at a short Δt the steps drown in
 * the levelling scatter, and the scatter in the regressor biases β₁ low (errors in variables), so the final settlement
 * would be too small. The curve s(t) = s_f − D·β₁^(t/Δt), with D fitted to the readings, gives the residuals that are
 * compared with the other models.
 */
final class AsaokaFitter {

    private AsaokaFitter() {
    }

    static double intervalDays(double[] t) {
        double[] gaps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        Arrays.sort(gaps);
        double median = gaps.length == 0 ? 1 : gaps[gaps.length / 2];
        return Math.max(1, Math.ceil(Math.max(median, (t[t.length - 1] - t[0]) / 24)));
    }

    static CurveFit fit(double[] t, double[] s) {
        double dt = intervalDays(t);
        int steps = (int) Math.floor((t[t.length - 1] - t[0]) / dt);
        if (steps < 5) {
            return CurveFit.failed(SettlementModel.ASAOKA, "fewer than 6 equal-interval readings");
        }
        double[] even = new double[steps + 1];
        for (int j = 0; j <= steps; j++) {
            even[j] = interpolate(t, s, t[0] + j * dt);
        }
        double[] x = Arrays.copyOfRange(even, 0, steps);
        double[] y = Arrays.copyOfRange(even, 1, steps + 1);
        double[] b = Lines.fit(x, y);
        if (b == null || !(b[1] > 0 && b[1] < 1)) {
            return CurveFit.failed(SettlementModel.ASAOKA, "β₁ outside (0, 1): the series does not converge");
        }
        double[] p = curve(b[0], b[1], dt, t, s);
        if (!SettlementModel.ASAOKA.decays(p)) {
            return CurveFit.failed(SettlementModel.ASAOKA, "the fitted curve does not settle towards a final value");
        }
        // covariance of (β₀, β₁): σ² (XᵀX)⁻¹ with X = [1, s_{j−1}]
        double sigma2 = 0, sx = 0, sxx = 0;
        for (int j = 0; j < x.length; j++) {
            double r = y[j] - b[0] - b[1] * x[j];
            sigma2 += r * r / (x.length - 2);
            sx += x[j];
            sxx += x[j] * x[j];
        }
        double det = x.length * sxx - sx * sx;
        double[][] cov = {{sigma2 * sxx / det, -sigma2 * sx / det}, {-sigma2 * sx / det, sigma2 * x.length / det}};
        List<double[]> draws = new ArrayList<>();
        if (x.length > 2) {
            for (double[] beta : CurveFitter.draw(b, cov)) {
                draws.add(beta[1] > 0 && beta[1] < 1 ? curve(beta[0], beta[1], dt, t, s) : new double[] {Double.NaN, -1, -1});
            }
        }
        return new CurveFit(SettlementModel.ASAOKA, p, rms(p, t, s), draws, null);
    }

    /** {s_f, D, c} of the exponential form: s_f = β₀/(1−β₁), c = −ln β₁ / Δt, D by least squares on the readings. */
    private static double[] curve(double beta0, double beta1, double dt, double[] t, double[] s) {
        double sf = beta0 / (1 - beta1);
        double c = -Math.log(beta1) / dt;
        double num = 0, den = 0;
        for (int i = 0; i < t.length; i++) {
            double g = Math.exp(-c * t[i]);
            num += (sf - s[i]) * g;
            den += g * g;
        }
        return new double[] {sf, num / den, c};
    }

    private static double rms(double[] p, double[] t, double[] s) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            double r = s[i] - SettlementModel.ASAOKA.valueMm(p, t[i]);
            sum += r * r;
        }
        return Math.sqrt(sum / t.length);
    }

    private static double interpolate(double[] t, double[] s, double at) {
        int i = Arrays.binarySearch(t, at);
        if (i >= 0) {
            return s[i];
        }
        int hi = -i - 1;
        if (hi >= t.length) {
            return s[t.length - 1];
        }
        int lo = hi - 1;
        return s[lo] + (s[hi] - s[lo]) * (at - t[lo]) / (t[hi] - t[lo]);
    }
}
