package com.goafwatch.forecast;

/** Ordinary least-squares straight lines. */
final class Lines {

    private Lines() {
    }

    /** {intercept, slope} of y on x, or null when x does not vary or there are fewer than two points. */
    static double[] fit(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return null;
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            return null;
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
