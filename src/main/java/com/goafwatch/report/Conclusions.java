package com.goafwatch.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.goafwatch.acceptance.AcceptanceCriteria;
import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.CriterionResult;
import com.goafwatch.acceptance.Verdict;
import com.goafwatch.forecast.ParcelForecast;

/**
 * Conclusions that follow the evidence (pure). A parcel that meets every criterion is fit for construction of the
 * damage class its strain criterion is set at; a failing QA criterion (pass rate, grout take) calls for remedial work
 * and re-testing whatever the monitoring says; missing QA or grouting records call for completing them; when only the
 * monitoring criteria (observation period, settlement, rate, fiber strain, open alerts) are not met, the parcel needs
 * more observation — until the end of the minimum observation period and the forecast date its settlement meets the
 * stability criterion, whichever is later.
 */
final class Conclusions {

    static final Set<String> QA = Set.of("qa_pass_rate", "grout_take", "grout_attenuation");
    /** The criteria that time and the settlement forecast answer; fiber strain and open alerts need a look, not a date. */
    static final Set<String> SETTLEMENT = Set.of("observation_period", "settlement_cumulative", "settlement_rate");

    private Conclusions() {
    }

    static ParcelConclusion of(AcceptanceRules.ParcelVerdict v, ParcelForecast forecast, AcceptanceCriteria criteria, LocalDate asOf) {
        String damageClass = damageClass(criteria.withDefaults());
        List<CriterionResult> open = v.criteria().stream().filter(r -> r.verdict() != Verdict.MEETS).toList();
        List<String> names = open.stream().map(CriterionResult::criterion).toList();
        if (open.isEmpty()) {
            return new ParcelConclusion(v.code(), v.areaMu(), ParcelConclusion.Kind.FIT, damageClass, null, names);
        }
        if (open.stream().anyMatch(r -> QA.contains(r.criterion()) && r.verdict() == Verdict.DOES_NOT_MEET)) {
            return new ParcelConclusion(v.code(), v.areaMu(), ParcelConclusion.Kind.REMEDIAL, damageClass, null, names);
        }
        if (open.stream().anyMatch(r -> QA.contains(r.criterion()))) {
            return new ParcelConclusion(v.code(), v.areaMu(), ParcelConclusion.Kind.COMPLETE_TESTS, damageClass, null, names);
        }
        return new ParcelConclusion(v.code(), v.areaMu(), ParcelConclusion.Kind.CONTINUE_OBSERVATION, damageClass,
                observeUntil(v, forecast, asOf), names);
    }

    /**
     * Later of the observation period's end and the forecast stability date; null without a forecast date, when a
     * criterion other than time and settlement is open (strain, alerts), or when that date is already past (the forecast
     * sees the settlement stable, yet a criterion fails: a date would promise what the data do not show).
     */
    private static LocalDate observeUntil(AcceptanceRules.ParcelVerdict v, ParcelForecast forecast, LocalDate asOf) {
        boolean onlySettlement = v.criteria().stream().filter(r -> r.verdict() != Verdict.MEETS).allMatch(r -> SETTLEMENT.contains(r.criterion()));
        if (!onlySettlement || forecast == null || forecast.stableOn() == null) {
            return null;
        }
        LocalDate until = forecast.stableOn();
        for (CriterionResult r : v.criteria()) {
            if (r.criterion().equals("observation_period") && r.value() != null && r.limit() != null && r.value() < r.limit()) {
                LocalDate periodEnds = asOf.plusDays((long) Math.ceil(r.limit() - r.value()));
                until = periodEnds.isAfter(until) ? periodEnds : until;
            }
        }
        return until.isAfter(asOf) ? until : null;
    }

    /**
     * The damage class the criteria hold the ground to: the worst of the classes of the strain, tilt (I ≤ 3, II ≤ 6, III ≤ 10
     * mm/m) and curvature (I ≤ 0.2, II ≤ 0.4, III ≤ 0.6 × 10⁻³/m) limits (domain notes), since a parcel is judged on all three.
     */
    static String damageClass(AcceptanceCriteria criteria) {
        AcceptanceCriteria c = criteria.withDefaults();
        String tilt = c.maxTiltMmPerM() <= 3 ? "I" : c.maxTiltMmPerM() <= 6 ? "II" : c.maxTiltMmPerM() <= 10 ? "III" : "IV";
        String curvature = c.maxCurvaturePerKm() <= 0.2 ? "I" : c.maxCurvaturePerKm() <= 0.4 ? "II" : c.maxCurvaturePerKm() <= 0.6 ? "III" : "IV";
        return java.util.stream.Stream.of(damageClass(c.maxGroundStrainUe()), tilt, curvature)
                .max(java.util.Comparator.comparingInt(List.of("I", "II", "III", "IV")::indexOf)).orElseThrow();
    }

    /** The class whose horizontal-strain limit (domain notes: I ≤ 2, II ≤ 4, III ≤ 6 mm/m) the criterion is within. */
    static String damageClass(double maxGroundStrainUe) {
        return maxGroundStrainUe <= 2000 ? "I" : maxGroundStrainUe <= 4000 ? "II" : maxGroundStrainUe <= 6000 ? "III" : "IV";
    }

    /** The conclusions of a phase's parcels, each with its own forecast. */
    static List<ParcelConclusion> of(List<AcceptanceRules.ParcelVerdict> verdicts, Map<String, ParcelForecast> forecasts,
            AcceptanceCriteria criteria, java.time.Instant asOf, java.time.ZoneId siteZone) {
        LocalDate day = asOf.atZone(siteZone).toLocalDate();
        return verdicts.stream().map(v -> of(v, forecasts.get(v.code()), criteria, day)).toList();
    }
}
