package com.goafwatch.threshold;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where and when the value behind a flag was measured: the cable and chainage (fiber) or the markers
 * (settlement, tilt, curvature), the coordinates (CGCS2000 lon/lat) and the sample time.
 *
 * @param rawValue    the value as measured (fiber strain before dividing by coupling), for checking by hand
 * @param unconfirmed true when the value rests on one trace that no second trace or spatial extent confirmed
 *                    (raised because the confirming trace is overdue); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(Long cableId, String cable, Double chainageM, Double distanceM, List<String> markers, Double lon, Double lat,
        Instant time, Double rawValue, String note, Boolean unconfirmed) {

    public static Evidence fiber(long cableId, String cable, Instant time) {
        return new Evidence(cableId, cable, null, null, null, null, null, time, null, null, null);
    }

    public static Evidence markers(List<String> markers, double lon, double lat, Instant time, String note) {
        return new Evidence(null, null, null, null, markers, lon, lat, time, null, note, null);
    }

    public Evidence located(Double chainageM, Double distanceM, Double rawValue, Instant at) {
        return new Evidence(cableId, cable, chainageM, distanceM, markers, lon, lat, at == null ? time : at, rawValue, note, unconfirmed);
    }

    public Evidence at(double lon, double lat) {
        return new Evidence(cableId, cable, chainageM, distanceM, markers, lon, lat, time, rawValue, note, unconfirmed);
    }

    public Evidence noted(String text) {
        return new Evidence(cableId, cable, chainageM, distanceM, markers, lon, lat, time, rawValue, text, unconfirmed);
    }

    /** The same evidence marked as resting on one unconfirmed trace, with why it was raised anyway. */
    public Evidence unconfirmed(String why) {
        return new Evidence(cableId, cable, chainageM, distanceM, markers, lon, lat, time, rawValue, why, true);
    }
}
