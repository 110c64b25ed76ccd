package com.goafwatch.subsidence;

/**
 * Knothe's time function: the share of the final subsidence reached t days after the cause (here: the end
 * of grouting, for residual subsidence), W(t) = W_final · (1 − e^(−c·t)); none before t = 0.
 *
 * @param cPerDay the time coefficient c in 1/d
 */
public record KnotheTime(double cPerDay) {

    public double fraction(double days) {
        return days <= 0 ? 0 : 1 - Math.exp(-cPerDay * days);
    }

    /** d(fraction)/dt, 1/d: multiply by W_final for the subsidence rate in mm/d. */
    public double rate(double days) {
        return days <= 0 ? 0 : cPerDay * Math.exp(-cPerDay * days);
    }
}
