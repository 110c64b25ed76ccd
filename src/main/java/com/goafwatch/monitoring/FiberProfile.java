package com.goafwatch.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Strain and temperature along a cable at one trace time (the trace nearest to the requested time).
 * Strain in µε, tension positive; chainage in metres; lon/lat in CRS84 (null when unmapped).
 */
public record FiberProfile(long cableId, String cable, Instant requested, Instant traceTime, List<Sample> samples) {

    public record Sample(double distanceM, Double chainageM, double strainUe, Double rawStrainUe, Double temperatureC,
            String parcel, Double lon, Double lat) {
    }
}
