package com.goafwatch.phase;

import java.util.Map;

/**
 * Parcel totals of one phase. Areas in mu (1 mu = 666.67 m²) measured in EPSG:4548.
 *
 * @param muByStatus total mu per parcel status; statuses without parcels are absent
 */
public record PhaseSummary(long phaseId, int ordinal, String name, String status, long parcelCount, double totalMu,
        double totalAreaM2, Map<String, Double> muByStatus, Map<String, Long> parcelsByStatus) {
}
