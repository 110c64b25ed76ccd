package com.goafwatch.acceptance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The verdict of a parcel from its evidence, criterion by criterion (pure: hand-made evidence in the
 * tests gives known answers). Never decides anything: the panel records the decision.
 */
public final class AcceptanceRules {

    /** A parcel's verdict with every criterion behind it. */
    public record ParcelVerdict(long parcelId, String code, double areaMu, String status, Verdict verdict, List<CriterionResult> criteria) {
    }

    private AcceptanceRules() {
    }

    public static ParcelVerdict judge(ParcelEvidence e, AcceptanceCriteria criteria) {
        AcceptanceCriteria c = criteria.withDefaults();
        List<CriterionResult> r = new ArrayList<>();
        r.add(qa(e, c));
        r.add(groutTake(e, c));
        r.add(GroutAttenuation.judge(e.meanTakeByOrderM3(), c));
        r.add(observation(e, c));
        r.add(cumulativeSettlement(e, c));
        r.add(settlementRate(e, c));
        r.add(strain(e, c));
        r.add(tilt(e, c));
        r.add(curvature(e, c));
        if (c.noOpenOrangeRedAlerts()) {
            r.add(new CriterionResult("open_alerts", e.openSevereAlerts() == 0 ? Verdict.MEETS : Verdict.DOES_NOT_MEET,
                    (double) e.openSevereAlerts(), 0.0, "alerts", e.openSevereAlerts() + " open orange/red alert(s)", "alerts.open",
                    List.of(e.openSevereAlerts())));
        }
        return new ParcelVerdict(e.parcelId(), e.code(), e.areaMu(), e.status(), Verdict.combine(r.stream().map(CriterionResult::verdict).toList()),
                r);
    }

    private static CriterionResult qa(ParcelEvidence e, AcceptanceCriteria c) {
        long judged = e.qaTests().stream().filter(t -> t.passed() != null).count();
        long passed = e.qaTests().stream().filter(t -> Boolean.TRUE.equals(t.passed())).count();
        if (judged < c.minQaTests()) {
            return new CriterionResult("qa_pass_rate", Verdict.INSUFFICIENT_DATA, null, c.minQaPassRate(), "share",
                    judged + " judged QA test(s), at least " + c.minQaTests() + " needed", "qa.tooFew", List.of(judged, c.minQaTests()));
        }
        double rate = passed / (double) judged;
        return new CriterionResult("qa_pass_rate", rate + 1e-9 >= c.minQaPassRate() ? Verdict.MEETS : Verdict.DOES_NOT_MEET, rate,
                c.minQaPassRate(), "share", passed + " of " + judged + " QA tests passed", "qa.passed", List.of(passed, judged));
    }

    private static CriterionResult groutTake(ParcelEvidence e, AcceptanceCriteria c) {
        if (e.groutingHoles() == 0) {
            return new CriterionResult("grout_take", Verdict.INSUFFICIENT_DATA, null, c.minGroutTakeM3PerMu(), "m³/mu",
                    "no grouting holes recorded in the parcel", "grout.none", List.of());
        }
        double perMu = e.areaMu() > 0 ? e.groutTakeM3() / e.areaMu() : 0;
        return new CriterionResult("grout_take", perMu >= c.minGroutTakeM3PerMu() ? Verdict.MEETS : Verdict.DOES_NOT_MEET, round(perMu),
                c.minGroutTakeM3PerMu(), "m³/mu", String.format(Locale.ROOT, "%.1f m³ in %d grouting holes over %.2f mu", e.groutTakeM3(),
                        e.groutingHoles(), e.areaMu()), "grout.take", List.of(round(e.groutTakeM3()), e.groutingHoles(), round(e.areaMu())));
    }

    private static CriterionResult observation(ParcelEvidence e, AcceptanceCriteria c) {
        if (e.lastGroutedOn() == null) {
            return new CriterionResult("observation_period", Verdict.INSUFFICIENT_DATA, null, c.minObservationDays().doubleValue(), "d",
                    "no grouting date recorded: the observation period has no start", "obs.noStart", List.of());
        }
        long days = Duration.between(e.lastGroutedOn().atStartOfDay(e.siteZone()).toInstant(), e.windowTo()).toDays();
        return new CriterionResult("observation_period", days >= c.minObservationDays() ? Verdict.MEETS : Verdict.INSUFFICIENT_DATA,
                (double) days, c.minObservationDays().doubleValue(), "d", "observed since the last grouting on " + e.lastGroutedOn(),
                "obs.since", List.of(e.lastGroutedOn().toString()));
    }

    private static CriterionResult cumulativeSettlement(ParcelEvidence e, AcceptanceCriteria c) {
        ParcelEvidence.MarkerSettlement worst = e.markers().stream().filter(m -> m.cumulativeMm() != null)
                .max(Comparator.comparingDouble(ParcelEvidence.MarkerSettlement::cumulativeMm)).orElse(null);
        if (worst == null || !coversWindow(e, c)) {
            return new CriterionResult("settlement_cumulative", Verdict.INSUFFICIENT_DATA, null, c.maxSettlementMm(), "mm",
                    e.markers().isEmpty() ? "no settlement markers in the parcel" : "the markers' readings do not cover the "
                            + c.stabilityMonths() + "-month window", e.markers().isEmpty() ? "markers.none" : "markers.notCovering",
                    List.of(c.stabilityMonths()));
        }
        return new CriterionResult("settlement_cumulative", worst.cumulativeMm() <= c.maxSettlementMm() ? Verdict.MEETS : Verdict.DOES_NOT_MEET,
                round(worst.cumulativeMm()), c.maxSettlementMm(), "mm", "largest settlement over the last " + c.stabilityMonths()
                        + " months: marker " + worst.code(), "settlement.largest", List.of(c.stabilityMonths(), worst.code()));
    }

    private static CriterionResult settlementRate(ParcelEvidence e, AcceptanceCriteria c) {
        ParcelEvidence.MarkerSettlement worst = e.markers().stream().filter(m -> m.rateMmPerDay() != null)
                .max(Comparator.comparingDouble(ParcelEvidence.MarkerSettlement::rateMmPerDay)).orElse(null);
        if (worst == null || !coversWindow(e, c)) {
            return new CriterionResult("settlement_rate", Verdict.INSUFFICIENT_DATA, null, c.maxSettlementRateMmPerDay(), "mm/d",
                    e.markers().isEmpty() ? "no settlement markers in the parcel" : "not enough readings in the window for a rate",
                    e.markers().isEmpty() ? "markers.none" : "rate.notEnough", List.of());
        }
        return new CriterionResult("settlement_rate", worst.rateMmPerDay() <= c.maxSettlementRateMmPerDay() ? Verdict.MEETS
                : Verdict.DOES_NOT_MEET, round(worst.rateMmPerDay()), c.maxSettlementRateMmPerDay(), "mm/d",
                "fitted rate of the daily means, marker " + worst.code(), "rate.fitted", List.of(worst.code()));
    }

    private static CriterionResult strain(ParcelEvidence e, AcceptanceCriteria c) {
        if (!e.fiberMonitored()) {
            return new CriterionResult("fiber_strain", Verdict.MEETS, null, c.maxGroundStrainUe(), "µε",
                    "no fiber crosses the parcel: judged on settlement alone", "strain.noFiber", List.of());
        }
        if (e.maxGroundStrainUe() == null) {
            return new CriterionResult("fiber_strain", Verdict.INSUFFICIENT_DATA, null, c.maxGroundStrainUe(), "µε",
                    "no fiber readings in the window", "strain.noData", List.of());
        }
        return new CriterionResult("fiber_strain", Math.abs(e.maxGroundStrainUe()) <= c.maxGroundStrainUe() ? Verdict.MEETS
                : Verdict.DOES_NOT_MEET, round(e.maxGroundStrainUe()), c.maxGroundStrainUe(), "µε",
                "largest |ground strain| (fiber / coupling) reached twice in the window, cable " + Objects.toString(e.maxStrainCable(), "?"),
                "strain.largest", List.of(Objects.toString(e.maxStrainCable(), "?")));
    }

    /**
     * Tilt between neighbouring markers from their settlement over the window. Without a neighbouring pair (a lone marker, or
     * none) there is no tilt to compute: like strain without fiber, the parcel is then judged on its settlement alone, and the
     * detail says so.
     */
    private static CriterionResult tilt(ParcelEvidence e, AcceptanceCriteria c) {
        GroundGradients.Tilt t = e.gradients() == null ? null : e.gradients().steepest();
        if (t == null) {
            return new CriterionResult("tilt", Verdict.MEETS, null, c.maxTiltMmPerM(), "mm/m", "no neighbouring markers within "
                    + number(c.neighbourDistanceM()) + " m: judged on settlement alone", "tilt.noPair", List.of(number(c.neighbourDistanceM())));
        }
        double v = Math.abs(t.mmPerM());
        return new CriterionResult("tilt", v <= c.maxTiltMmPerM() ? Verdict.MEETS : Verdict.DOES_NOT_MEET, round(v), c.maxTiltMmPerM(), "mm/m",
                String.format(Locale.ROOT, "largest tilt between markers %s and %s, %.1f m apart, from their settlement over the window",
                        t.from(), t.to(), t.distanceM()), "tilt.largest", List.of(t.from(), t.to(), number(t.distanceM())));
    }

    /** Curvature at a middle marker of three in line; without such a triple, judged on settlement alone (as tilt). */
    private static CriterionResult curvature(ParcelEvidence e, AcceptanceCriteria c) {
        GroundGradients.Curvature k = e.gradients() == null ? null : e.gradients().sharpest();
        if (k == null) {
            return new CriterionResult("curvature", Verdict.MEETS, null, c.maxCurvaturePerKm(), "1/km",
                    "no three markers in line: judged on settlement alone", "curvature.noTriple", List.of());
        }
        double v = Math.abs(k.perKm());
        return new CriterionResult("curvature", v <= c.maxCurvaturePerKm() ? Verdict.MEETS : Verdict.DOES_NOT_MEET, round(v),
                c.maxCurvaturePerKm(), "1/km", "largest curvature at marker " + k.middle() + " (between " + k.first() + " and " + k.last()
                        + "), from the settlement over the window", "curvature.largest", List.of(k.middle(), k.first(), k.last()));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The markers must have read across most of the stability window, or "stable" means nothing. */
    private static boolean coversWindow(ParcelEvidence e, AcceptanceCriteria c) {
        int windowDays = (int) Duration.between(e.windowFrom(), e.windowTo()).toDays();
        return e.markers().stream().anyMatch(m -> m.readings() >= 2 && m.spanDays() >= windowDays / 2.0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

}
