package com.goafwatch.subsidence;

import java.util.function.DoubleUnaryOperator;

/**
 * A cable as the simulator sees it. Coordinates in Gauss-Krüger metres (EPSG:4548).
 *
 * @param route            trench route vertices {e, n}; for a borehole the single top point
 * @param depthM           borehole depth (0 for trenches)
 * @param fiberToChainage  calibration: fiber distance → chainage (NaN outside the calibrated span)
 */
public record SimulatedCable(String code, boolean borehole, double[][] route, double depthM, double fiberLengthM,
        DoubleUnaryOperator fiberToChainage, double couplingCoefficient, double baselineTemperatureC, double tempCoefficientUePerC) {

    /** Point and direction (degrees from east, counter-clockwise) at a chainage along the route. */
    double[] pointAt(double chainageM) {
        double remaining = chainageM;
        for (int i = 0; i + 1 < route.length; i++) {
            double de = route[i + 1][0] - route[i][0];
            double dn = route[i + 1][1] - route[i][1];
            double len = Math.hypot(de, dn);
            if (remaining <= len || i + 2 == route.length) {
                double t = len == 0 ? 0 : Math.min(1, remaining / len);
                return new double[] {route[i][0] + t * de, route[i][1] + t * dn, Math.toDegrees(Math.atan2(dn, de))};
            }
            remaining -= len;
        }
        return new double[] {route[0][0], route[0][1], 0};
    }
}
