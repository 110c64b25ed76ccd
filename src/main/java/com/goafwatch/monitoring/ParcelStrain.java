package com.goafwatch.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Fiber strain inside one parcel over a window, per cable crossing it (µε, tension positive).
 *
 * @param maxAbsUe the largest |strain| in the window: what class-I limits (2 mm/m × coupling) apply to
 */
public record ParcelStrain(long parcelId, String parcel, Instant from, Instant to, List<CableStrain> cables) {

    public record CableStrain(long cableId, String cable, List<double[]> fiberIntervalsM, Double latestUe,
            Double minUe, Double maxUe, Double meanUe, Double maxAbsUe, long samples) {
    }
}
