package com.goafwatch.forecast;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The settlement–time models a forecast may use. t is days since the series' first reading; s is settlement in mm,
 * positive downward.
 * <ul>
 * <li>{@code HYPERBOLIC}: s(t) = s₀ + F·t / (t + k), final s₀ + F (Tan's hyperbolic method, fitted to all readings).</li>
 * <li>{@code ASAOKA}: s_j = β₀ + β₁·s_{j−1} at equal intervals Δt, final β₀ / (1 − β₁) (Asaoka 1978); its curve is
 * s(t) = s_f − D·β₁^(t/Δt).</li>
 * <li>{@code KNOTHE}: s(t) = s_f − B·e^(−c·t), Knothe's exponential time function.</li>
 * </ul>
 */
public enum SettlementModel {
    HYPERBOLIC("hyperbolic"), ASAOKA("asaoka"), KNOTHE("knothe");

    private final String json;

    SettlementModel(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /**
     * Settlement at t of a curve in this model's parameter form: hyperbolic {s₀, F, k}; Asaoka and Knothe in the
     * exponential form {s_f, B, c}.
     */
    double valueMm(double[] p, double tDays) {
        return this == HYPERBOLIC ? p[0] + p[1] * tDays / (tDays + p[2]) : p[0] - p[1] * Math.exp(-p[2] * tDays);
    }

    /** The settlement the curve tends to. */
    double finalMm(double[] p) {
        return this == HYPERBOLIC ? p[0] + p[1] : p[0];
    }

    /** Whether the curve settles (downward) towards a finite value. */
    boolean decays(double[] p) {
        return p[1] > 0 && p[2] > 0 && Double.isFinite(p[0]);
    }
}
