package com.goafwatch.subsidence;

import java.util.List;

/**
 * Surface movement over several strip panels: the 3-D probability-integral surface
 * W(u,v) = W₀ Σ Φu·Φv over rectangular panels (the double integral of the influence function factorises
 * over a rectangle), with its derivatives for tilt and horizontal strain. Works in a site frame
 * (u, v in metres) rotated from Gauss-Krüger coordinates by {@code rotationDeg} about {@code (originE, originN)}.
 *
 * @param inflectionOffsetM s: the edge of the effective goaf lies s metres inside each panel edge
 */
public record SubsidenceField(ProbabilityIntegral model, List<StripPanel> panels, double inflectionOffsetM, double originE,
        double originN, double rotationDeg) {

    /** Subsidence in mm at a Gauss-Krüger point, for the final state. */
    public double subsidenceMm(double e, double n) {
        double[] uv = toFrame(e, n);
        double sum = 0;
        for (StripPanel p : panels) {
            sum += phi(uv[0], p.uFrom(), p.uTo()) * phi(uv[1], p.vFrom(), p.vTo());
        }
        return model.w0Mm() * sum;
    }

    /**
     * Horizontal strain in mm/m along the direction {@code azimuthDeg} (degrees counter-clockwise from the
     * easting axis), tension positive: ε = b·r·∂²W/∂s².
     */
    public double strainMmPerM(double e, double n, double directionDeg) {
        double[] uv = toFrame(e, n);
        double a = Math.toRadians(directionDeg - rotationDeg);
        double cu = Math.cos(a);
        double cv = Math.sin(a);
        double wuu = 0;
        double wuv = 0;
        double wvv = 0;
        for (StripPanel p : panels) {
            double fu = phi(uv[0], p.uFrom(), p.uTo());
            double fv = phi(uv[1], p.vFrom(), p.vTo());
            double du = dphi(uv[0], p.uFrom(), p.uTo());
            double dv = dphi(uv[1], p.vFrom(), p.vTo());
            wuu += ddphi(uv[0], p.uFrom(), p.uTo()) * fv;
            wvv += fu * ddphi(uv[1], p.vFrom(), p.vTo());
            wuv += du * dv;
        }
        double second = model.w0Mm() * (cu * cu * wuu + 2 * cu * cv * wuv + cv * cv * wvv);
        return model.b() * model.rM() * second;
    }

    private double[] toFrame(double e, double n) {
        double t = Math.toRadians(rotationDeg);
        double de = e - originE;
        double dn = n - originN;
        return new double[] {de * Math.cos(t) + dn * Math.sin(t), -de * Math.sin(t) + dn * Math.cos(t)};
    }

    /** ∫ over [from+s, to−s] of the 1-D influence function: share of the panel's width "seen" at x. */
    private double phi(double x, double from, double to) {
        double r = model.rM();
        double a = from + inflectionOffsetM;
        double b = to - inflectionOffsetM;
        return 0.5 * (Erf.erf(Math.sqrt(Math.PI) * (x - a) / r) - Erf.erf(Math.sqrt(Math.PI) * (x - b) / r));
    }

    private double dphi(double x, double from, double to) {
        double r = model.rM();
        double a = from + inflectionOffsetM;
        double b = to - inflectionOffsetM;
        return (Math.exp(-Math.PI * sq(x - a) / sq(r)) - Math.exp(-Math.PI * sq(x - b) / sq(r))) / r;
    }

    private double ddphi(double x, double from, double to) {
        double r = model.rM();
        double a = from + inflectionOffsetM;
        double b = to - inflectionOffsetM;
        return -2 * Math.PI / (r * r * r) * ((x - a) * Math.exp(-Math.PI * sq(x - a) / sq(r)) - (x - b) * Math.exp(-Math.PI * sq(x - b) / sq(r)));
    }

    private static double sq(double v) {
        return v * v;
    }
}
