package com.goafwatch.acceptance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What is known about a parcel for acceptance, gathered from PostGIS and InfluxDB.
 *
 * @param lastGroutedOn  latest grouting date of its holes (start of the observation period)
 * @param markers        settlement over the stability window per marker
 * @param maxGroundStrainUe largest |fiber strain / coupling| reached at least twice (two traces, or two stretches of one) in the window
 *                          (a single-trace spike does not count); null: no fiber data
 * @param fiberMonitored whether any cable crosses the parcel
 * @param openSevereAlerts open alerts of level orange or red
 * @param siteZone       the zone of the site's days (the observation period counts from the site's midnight)
 * @param meanTakeByOrderM3 mean grout take per grouting hole, by hole order (1–3), of the holes with both recorded
 * @param gradients      tilts touching and curvatures centred on the parcel's markers, from their settlement over the window
 */
public record ParcelEvidence(long parcelId, String code, double areaMu, String status, int groutingHoles, double groutTakeM3,
        LocalDate lastGroutedOn, List<QaResult> qaTests, List<MarkerSettlement> markers, boolean fiberMonitored, Double maxGroundStrainUe,
        String maxStrainCable, int openSevereAlerts, Instant windowFrom, Instant windowTo, ZoneId siteZone,
        java.util.Map<Integer, Double> meanTakeByOrderM3, GroundGradients.Result gradients) {

    /** Evidence without neighbouring markers (no tilt or curvature to judge). */
    public ParcelEvidence(long parcelId, String code, double areaMu, String status, int groutingHoles, double groutTakeM3,
            LocalDate lastGroutedOn, List<QaResult> qaTests, List<MarkerSettlement> markers, boolean fiberMonitored, Double maxGroundStrainUe,
            String maxStrainCable, int openSevereAlerts, Instant windowFrom, Instant windowTo, ZoneId siteZone,
            java.util.Map<Integer, Double> meanTakeByOrderM3) {
        this(parcelId, code, areaMu, status, groutingHoles, groutTakeM3, lastGroutedOn, qaTests, markers, fiberMonitored, maxGroundStrainUe,
                maxStrainCable, openSevereAlerts, windowFrom, windowTo, siteZone, meanTakeByOrderM3, GroundGradients.Result.NONE);
    }

    /**
     * @param readings     days with readings in the window
     * @param spanDays     days between the first and the last of them
     * @param cumulativeMm settlement from the first to the last daily mean in the window (positive = down)
     * @param rateMmPerDay least-squares slope of the daily means
     */
    public record MarkerSettlement(long sensorId, String code, int readings, double spanDays, Double cumulativeMm, Double rateMmPerDay,
            Double latestMm) {
    }
}
