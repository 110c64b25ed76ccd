package com.goafwatch.brillouin;

import java.time.OffsetDateTime;

/**
 * One version of a cable's Brillouin coefficients: Δν_B = C_ε·Δε + C_T·ΔT for the strain fiber, and C_T of
 * the loose-tube reference fiber (which feels temperature but, being loose, ≤ 15 µε of strain).
 *
 * @param strainMhzPerUe              C_ε, MHz per µε (standard single-mode fiber ≈ 0.05)
 * @param temperatureMhzPerC          C_T of the strain fiber, MHz per °C (≈ 1)
 * @param referenceTemperatureMhzPerC C_T of the reference fiber, MHz per °C
 */
public record BrillouinCoefficients(long id, long cableId, double strainMhzPerUe, double temperatureMhzPerC,
        double referenceTemperatureMhzPerC, String note, OffsetDateTime createdAt) {
}
