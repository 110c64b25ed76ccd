package com.goafwatch.report;

import java.util.ArrayList;
import java.util.List;

import com.goafwatch.acceptance.AcceptanceCriteria;
import com.goafwatch.forecast.StabilityCriterion;

/**
 * The criteria table of the report: every limit with where it comes from (docs/domain.md), or marked as the project's
 * own setting when no published source stands behind it. A minimum grout take of 0 tests nothing and is left out (the
 * grout-take criterion then only requires grouting on record, which the verdict table says).
 */
final class CriteriaRows {

    private CriteriaRows() {
    }

    static List<String[]> of(AcceptanceCriteria criteria, StabilityCriterion stability, ReportText t) {
        AcceptanceCriteria k = criteria.withDefaults();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t.get("qa_pass_rate"), "≥ " + ReportText.number(k.minQaPassRate() * 100) + " %" + t.get("lp") + "≥ "
                + k.minQaTests() + t.get("unit.tests") + t.get("rp"), t.get("src.project")});
        rows.add(new String[] {t.get("core_strength"), "≥ " + ReportText.number(k.minCoreStrengthMpa()) + " MPa", t.get("src.shandong")});
        rows.add(new String[] {t.get("check_hole"), t.get("reinjection") + " ≤ " + ReportText.number(k.maxReinjectionShare() * 100) + " %"
                + t.get("listSep") + t.get("fluidLoss") + " ≤ " + t.get(k.maxFluidLoss()), t.get("src.shandong")});
        rows.add(new String[] {t.get("wave_velocity"), "≥ " + ReportText.number(k.minWaveVelocityMs()) + " m/s", t.get("src.projectNoSource")});
        if (k.minGroutTakeM3PerMu() > 0) {
            rows.add(new String[] {t.get("grout_take"), "≥ " + ReportText.number(k.minGroutTakeM3PerMu()) + " m³/" + t.get("mu"),
                    t.get("src.project")});
        }
        rows.add(new String[] {t.get("grout_attenuation"), t.get("order2") + " ≥ " + ReportText.number(k.minGroutAttenuationOrder2())
                + t.get("listSep") + t.get("order3") + (k.minGroutAttenuationOrder3() == null ? " " + t.get("notSet")
                        : " ≥ " + ReportText.number(k.minGroutAttenuationOrder3())), t.get("src.shandongAttenuation")});
        rows.add(new String[] {t.get("observation_period"), "≥ " + k.minObservationDays() + " " + t.get("unit.d"), t.get("src.sixMonths")});
        rows.add(new String[] {t.get("settlement_cumulative"), "≤ " + ReportText.number(k.maxSettlementMm()) + " mm / " + k.stabilityMonths()
                + " " + t.get("unit.months"), t.get("src.sixMonths")});
        rows.add(new String[] {t.get("settlement_rate"), "≤ " + ReportText.number(k.maxSettlementRateMmPerDay()) + " mm/d",
                t.get("src.sixMonths")});
        rows.add(new String[] {t.get("stability"), String.format(java.util.Locale.ROOT, t.get("stabilityLimit"), stability.windowDays(),
                ReportText.number(stability.maxRateMmPerDay())), t.get("src.jgj8")});
        rows.add(new String[] {t.get("fiber_strain"), "|ε| ≤ " + ReportText.number(k.maxGroundStrainUe()) + " µε", t.get("src.coalCode")});
        rows.add(new String[] {t.get("tilt"), "≤ " + ReportText.number(k.maxTiltMmPerM()) + " mm/m", t.get("src.damageClassTilt")});
        rows.add(new String[] {t.get("curvature"), "≤ " + ReportText.number(k.maxCurvaturePerKm()) + " " + t.get("unit.1/km"),
                t.get("src.damageClassCurvature")});
        rows.add(new String[] {t.get("open_alerts"), Boolean.TRUE.equals(k.noOpenOrangeRedAlerts()) ? "0" : "–", t.get("src.project")});
        return rows;
    }
}
