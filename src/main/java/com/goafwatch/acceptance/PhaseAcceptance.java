package com.goafwatch.acceptance;

import java.time.Instant;
import java.util.List;

/** The verdict of a phase: every parcel's, combined, with the areas in mu. */
public record PhaseAcceptance(long projectId, long phaseId, int ordinal, String name, String status, Verdict verdict, int parcelCount,
        double totalMu, double meetsMu, Instant windowFrom, Instant windowTo, AcceptanceCriteria criteria,
        List<AcceptanceRules.ParcelVerdict> parcels) {
}
