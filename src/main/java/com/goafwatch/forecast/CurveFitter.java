package com.goafwatch.forecast;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.Pair;

/**
 * Fits the three-parameter hyperbolic and Knothe curves by Levenberg–Marquardt least squares, started from the best
 * point of a grid over the time scale (for a fixed time scale both curves are linear in the other two parameters, so
 * the grid cannot miss the basin). The band's draws come from the parameter covariance σ²(JᵀJ)⁻¹ with a fixed seed, so
 * the same series always gives the same band.
 */
final class CurveFitter {

    static final int DRAWS = 400;
    private static final long SEED = 20161231L;

    private CurveFitter() {
    }

    static CurveFit fit(SettlementModel model, double[] t, double[] s) {
        if (model == SettlementModel.ASAOKA) {
            throw new IllegalArgumentException("Asaoka is fitted by AsaokaFitter");
        }
        double[] start = gridStart(model, t, s);
        if (start == null) {
            return CurveFit.failed(model, "no time scale fits a settling curve");
        }
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder().start(start).target(s)
                    .model(p -> jacobian(model, p.toArray(), t)).maxEvaluations(2000).maxIterations(2000).build());
        } catch (MathIllegalStateException e) {
            return CurveFit.failed(model, "the fit did not converge");
        }
        double[] p = optimum.getPoint().toArray();
        if (!model.decays(p)) {
            return CurveFit.failed(model, "the fitted curve does not settle towards a final value");
        }
        double rms = optimum.getRMS();
        List<double[]> draws = new ArrayList<>();
        int n = t.length;
        if (n > 3) {
            try {
                RealMatrix cov = optimum.getCovariances(1e-14).scalarMultiply(rms * rms * n / (n - 3));
                draws = draw(p, cov.getData());
            } catch (RuntimeException e) {
                // no band: the parameters are not identifiable from this series; the forecast says so
            }
        }
        return new CurveFit(model, p, rms, draws, null);
    }

    /** Parameter sets drawn from N(mean, cov); a covariance that is not positive definite gives none. */
    static List<double[]> draw(double[] mean, double[][] cov) {
        List<double[]> out = new ArrayList<>();
        try {
            var normal = new MultivariateNormalDistribution(new Well19937c(SEED), mean, cov);
            for (int i = 0; i < DRAWS; i++) {
                out.add(normal.sample());
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** The time scale g (hyperbolic k, Knothe 1/c) on a log grid; for each, s = a + b·f(t) by linear least squares. */
    private static double[] gridStart(SettlementModel model, double[] t, double[] s) {
        double span = Math.max(t[t.length - 1] - t[0], 1);
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 80; i++) {
            double g = span / 100 * Math.pow(2000, i / 80.0);
            double[] f = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                f[j] = model == SettlementModel.HYPERBOLIC ? t[j] / (t[j] + g) : -Math.exp(-t[j] / g);
            }
            double[] ab = Lines.fit(f, s);
            if (ab == null || ab[1] <= 0) {
                continue;
            }
            double rss = 0;
            for (int j = 0; j < t.length; j++) {
                double r = s[j] - ab[0] - ab[1] * f[j];
                rss += r * r;
            }
            if (rss < bestRss) {
                bestRss = rss;
                best = model == SettlementModel.HYPERBOLIC ? new double[] {ab[0], ab[1], g} : new double[] {ab[0], ab[1], 1 / g};
            }
        }
        return best;
    }

    private static Pair<org.apache.commons.math3.linear.RealVector, RealMatrix> jacobian(SettlementModel model, double[] p, double[] t) {
        double[] value = new double[t.length];
        double[][] j = new double[t.length][3];
        for (int i = 0; i < t.length; i++) {
            value[i] = model.valueMm(p, t[i]);
            if (model == SettlementModel.HYPERBOLIC) {
                double d = t[i] + p[2];
                j[i] = new double[] {1, t[i] / d, -p[1] * t[i] / (d * d)};
            } else {
                double e = Math.exp(-p[2] * t[i]);
                j[i] = new double[] {1, -e, p[1] * t[i] * e};
            }
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(j, false));
    }
}
