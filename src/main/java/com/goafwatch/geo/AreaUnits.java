package com.goafwatch.geo;

/** The Chinese land unit mu: 1 mu = 10000/15 m² ≈ 666.67 m², so a 100 m × 100 m square is 15 mu. */
public final class AreaUnits {

    public static final double SQUARE_METRES_PER_MU = 10_000.0 / 15.0;

    private AreaUnits() {
    }

    public static double squareMetresToMu(double squareMetres) {
        return squareMetres / SQUARE_METRES_PER_MU;
    }
}
