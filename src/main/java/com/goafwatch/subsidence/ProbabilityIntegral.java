package com.goafwatch.subsidence;

/**
 * The probability-integral method over one panel edge (x in metres from the inflection point, positive
 * towards the goaf):
 * <ul>
 * <li>W(x) = W₀/2 · [erf(√π·x/r) + 1]</li>
 * <li>i(x) = W₀/r · exp(−π x²/r²)</li>
 * <li>K(x) = −2π W₀ x / r³ · exp(−π x²/r²)</li>
 * <li>U(x) = b·r·i(x); ε(x) = b·r·K(x)</li>
 * </ul>
 * with W₀ = m·q·cos α (mm), r = H / tan β (m) and b the horizontal-displacement coefficient.
 *
 * @param w0Mm maximum subsidence W₀ in mm
 * @param rM   radius of major influence r in m
 * @param b    horizontal-displacement coefficient (0.30–0.32 in Shandong)
 */
public record ProbabilityIntegral(double w0Mm, double rM, double b) {

    public static ProbabilityIntegral of(double seamThicknessM, double q, double dipDeg, double depthM, double tanBeta, double b) {
        return new ProbabilityIntegral(seamThicknessM * 1000 * q * Math.cos(Math.toRadians(dipDeg)), depthM / tanBeta, b);
    }

    public double subsidenceMm(double x) {
        return w0Mm / 2 * (Erf.erf(Math.sqrt(Math.PI) * x / rM) + 1);
    }

    /** mm/m */
    public double tiltMmPerM(double x) {
        return w0Mm / rM * gauss(x);
    }

    /** mm/m², i.e. 10⁻³/m: the convention of the building damage classes. */
    public double curvaturePerKm(double x) {
        return -2 * Math.PI * w0Mm * x / (rM * rM * rM) * gauss(x);
    }

    public double horizontalDisplacementMm(double x) {
        return b * rM * tiltMmPerM(x);
    }

    /** mm/m, tension positive */
    public double horizontalStrainMmPerM(double x) {
        return b * rM * curvaturePerKm(x);
    }

    private double gauss(double x) {
        return Math.exp(-Math.PI * x * x / (rM * rM));
    }
}
