package com.goafwatch.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.goafwatch.acceptance.AcceptanceCriteria;
import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.EvidenceGatherer;
import com.goafwatch.acceptance.QaResult;
import com.goafwatch.acceptance.Verdict;
import com.goafwatch.forecast.ParcelForecast;
import com.goafwatch.forecast.StabilityCriterion;

/** Everything a phase's acceptance report says, in machine-readable form (the JSON format is this record). */
public record ReportContent(Meta meta, Summary summary, List<AcceptanceRules.ParcelVerdict> parcels, Treatment treatment,
        List<QaResult> qaTests, Monitoring monitoring, List<AlertRow> alerts, AcceptanceCriteria criteria, List<Map<String, Object>> decisions,
        Forecasts forecast, List<ParcelConclusion> conclusions) {

    /** Settlement forecasts of the phase's parcels (the same as {@code GET /api/v1/phases/{id}/settlement-forecast} at the report's time). */
    public record Forecasts(StabilityCriterion criterion, List<ParcelForecast> parcels) {
    }

    /** @param timeZone the site's zone (IANA id): every date and time of the report, and the report number's day, are in it */
    public record Meta(String projectCode, String projectName, int phase, String phaseName, String phaseStatus, LocalDate worksStart,
            LocalDate worksEnd, LocalDate testingEnd, Instant windowFrom, Instant windowTo, Instant generatedAt, String generatedBy,
            String language, String reportNumber, LocalDate acceptancePlanned, ReportParties parties, String timeZone) {

        /** The site's zone (IANA id): every date and time the report's figures show is in it. */
        public java.time.ZoneId zone() {
            return java.time.ZoneId.of(timeZone);
        }
    }

    public record Summary(int parcelCount, double totalMu, Verdict verdict, double meetsMu, Map<String, Long> parcelsByVerdict) {
    }

    public record Treatment(int holes, Map<String, Long> holesByType, double metresDrilled, double groutM3, double wasteM3,
            List<HoleRow> holeRows) {
    }

    public record HoleRow(String code, String type, Integer order, String parcel, double measuredDepthM, double verticalDepthM,
            Double depthToGoafM, Double groutTakeM3, Double wasteShare, Double groutPressureMpa, LocalDate groutedOn) {
    }

    /** @param survey the phase's markers with a 3-D survey baseline (horizontal displacement), by code */
    public record Monitoring(List<MarkerRow> markers, List<EvidenceGatherer.MarkerSeries> markerSeries, List<CableRow> cables,
            List<SurveyedMarker> survey) {
    }

    /** A marker surveyed in 3-D: its baseline (time, CRS) and its readings in the window, displacement from the baseline in mm. */
    public record SurveyedMarker(String code, String parcel, String crs, Instant baselineAt,
            List<com.goafwatch.survey.DisplacementSeries.Reading> readings) {
    }

    public record MarkerRow(String code, String parcel, int readings, double spanDays, Double cumulativeMm, Double rateMmPerDay,
            Double latestMm) {
    }

    /** A cable crossing the phase: daily extremes of ground strain (fiber / coupling) and the last profile in the window. */
    public record CableRow(String code, double coupling, List<Instant> days, List<Double> maxGroundUe, List<Double> minGroundUe,
            Instant profileTime, List<double[]> profile, List<ParcelSpan> parcels) {
    }

    public record ParcelSpan(String parcel, double fromM, double toM) {
    }

    public record AlertRow(long id, String parcel, String rule, String kind, String level, String peakLevel, String state, Double value,
            Double threshold, String unit, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy, Instant clearedAt,
            List<String> notes) {
    }
}
