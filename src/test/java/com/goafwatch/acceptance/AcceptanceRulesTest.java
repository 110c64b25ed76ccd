package com.goafwatch.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Verdicts on hand-made evidence: each criterion meeting, failing and lacking data. */
class AcceptanceRulesTest {

    private static final Instant TO = Instant.parse("2026-06-30T00:00:00Z");
    private static final Instant FROM = Instant.parse("2025-12-30T00:00:00Z");
    private static final AcceptanceCriteria C = AcceptanceCriteria.DEFAULTS;
    private static final java.time.ZoneId SITE = java.time.ZoneId.of("Asia/Shanghai");

    private static QaResult core(double mpa) {
        return QaJudge.judge(new QaResult(1, "Q1", "core_strength", "H1", 1L, "P", LocalDate.of(2026, 1, 5), null, null, null, mpa, null,
                null, null, null, null), C);
    }

    /** Evidence of a parcel that meets every default criterion. */
    private static ParcelEvidence good() {
        return new ParcelEvidence(1, "P", 20.0, "monitoring", 4, 800, LocalDate.of(2025, 10, 1), List.of(core(12), core(10)),
                List.of(new ParcelEvidence.MarkerSettlement(1, "M1", 12, 170, 4.0, 0.02, 4.0)), true, 900.0, "C1", 0, FROM, TO, SITE,
                Map.of(1, 200.0, 2, 120.0, 3, 60.0));
    }

    private static Map<String, Verdict> verdicts(ParcelEvidence e) {
        return AcceptanceRules.judge(e, C).criteria().stream().collect(Collectors.toMap(CriterionResult::criterion, CriterionResult::verdict));
    }

    private static ParcelEvidence with(UnaryOperator<List<Object>> change) {
        ParcelEvidence g = good();
        List<Object> f = new ArrayList<>(List.of(g.parcelId(), g.code(), g.areaMu(), g.status(), g.groutingHoles(), g.groutTakeM3(),
                g.lastGroutedOn() == null ? "null" : g.lastGroutedOn(), g.qaTests(), g.markers(), g.fiberMonitored(),
                g.maxGroundStrainUe() == null ? "null" : g.maxGroundStrainUe(), g.maxStrainCable(), g.openSevereAlerts(), g.windowFrom(),
                g.windowTo(), g.meanTakeByOrderM3()));
        f = change.apply(f);
        return new ParcelEvidence((long) f.get(0), (String) f.get(1), (double) f.get(2), (String) f.get(3), (int) f.get(4),
                (double) f.get(5), f.get(6) instanceof LocalDate d ? d : null, cast(f.get(7)), cast(f.get(8)), (boolean) f.get(9),
                f.get(10) instanceof Double d ? d : null, (String) f.get(11), (int) f.get(12), (Instant) f.get(13), (Instant) f.get(14), SITE,
                cast(f.get(15)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private static UnaryOperator<List<Object>> set(int index, Object value) {
        return f -> {
            f.set(index, value);
            return f;
        };
    }

    @Test
    void aParcelThatMeetsEveryCriterionMeets() {
        var v = AcceptanceRules.judge(good(), C);
        assertThat(v.verdict()).isEqualTo(Verdict.MEETS);
        assertThat(v.criteria()).extracting(CriterionResult::criterion).containsExactly("qa_pass_rate", "grout_take", "grout_attenuation",
                "observation_period",
                "settlement_cumulative", "settlement_rate", "fiber_strain", "tilt", "curvature", "open_alerts");
        assertThat(v.criteria()).allMatch(c -> c.verdict() == Verdict.MEETS);
        assertThat(v.criteria().get(1).value()).isEqualTo(40.0); // 800 m³ over 20 mu
    }

    @Test
    void qaPassRate() {
        assertThat(verdicts(with(set(7, List.of(core(12), core(8))))).get("qa_pass_rate")).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(verdicts(with(set(7, List.of()))).get("qa_pass_rate")).isEqualTo(Verdict.INSUFFICIENT_DATA);
        var lower = new AcceptanceCriteria(0.5, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(AcceptanceRules.judge(with(set(7, List.of(core(12), core(8)))), lower).criteria().get(0).verdict()).isEqualTo(Verdict.MEETS);
    }

    @Test
    void groutTake() {
        assertThat(verdicts(with(f -> {
            f.set(4, 0);
            f.set(5, 0.0);
            return f;
        })).get("grout_take")).isEqualTo(Verdict.INSUFFICIENT_DATA);
        var demanding = new AcceptanceCriteria(null, null, null, null, null, null, 50.0, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(AcceptanceRules.judge(good(), demanding).criteria().get(1).verdict()).isEqualTo(Verdict.DOES_NOT_MEET);
    }

    @Test
    void groutTakeAttenuationByHoleOrder() {
        // good(): orders 1/2/3 take 200/120/60 m³ per hole → attenuation 0.4 (order 2) and 0.7 (order 3)
        var met = AcceptanceRules.judge(good(), C).criteria().get(2);
        assertThat(met.verdict()).isEqualTo(Verdict.MEETS);
        assertThat(met.value()).isEqualTo(0.4); // order 3 has no limit by default
        assertThat(verdicts(with(set(15, Map.of(1, 200.0, 2, 150.0)))).get("grout_attenuation")).isEqualTo(Verdict.DOES_NOT_MEET); // 0.25
        var strict = new AcceptanceCriteria(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0.9, null, null, null);
        var third = AcceptanceRules.judge(good(), strict).criteria().get(2);
        assertThat(third.verdict()).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(third.value()).isEqualTo(0.7);
        assertThat(third.limit()).isEqualTo(0.9);
        var single = AcceptanceRules.judge(with(set(15, Map.of(1, 200.0))), C).criteria().get(2);
        assertThat(single.verdict()).isEqualTo(Verdict.MEETS);
        assertThat(single.value()).isNull();
        assertThat(single.detail()).contains("one order");
    }

    @Test
    void observationPeriod() {
        assertThat(verdicts(with(set(6, LocalDate.of(2026, 3, 1)))).get("observation_period")).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(verdicts(with(set(6, "null"))).get("observation_period")).isEqualTo(Verdict.INSUFFICIENT_DATA);
        var r = AcceptanceRules.judge(good(), C).criteria().get(3);
        assertThat(r.value()).isEqualTo(272.0); // 2025-10-01 → 2026-06-30
    }

    @Test
    void observationDaysCountFromTheSitesMidnight() {
        // grouted on 2026-01-01 (site date): its day starts 2025-12-31T16:00Z. Jan 1 → Jun 30 is 31+28+31+30+31+29 = 180 days.
        // 16:30Z on Jun 29 is 00:30 on Jun 30 at the site: 180 days and 30 min (cut in UTC it would be 179 d 16.5 h);
        // 15:30Z is 23:30 on Jun 29 at the site: 179 days 23.5 h
        UnaryOperator<List<Object>> grouted = set(6, LocalDate.of(2026, 1, 1));
        assertThat(observationDays(with(grouted.andThen(set(14, Instant.parse("2026-06-29T16:30:00Z")))::apply))).isEqualTo(180.0);
        assertThat(observationDays(with(grouted.andThen(set(14, Instant.parse("2026-06-29T15:30:00Z")))::apply))).isEqualTo(179.0);
    }

    /** By name: criteria are added over time, so positions move. */
    private static Double observationDays(ParcelEvidence e) {
        return AcceptanceRules.judge(e, C).criteria().stream().filter(c -> c.criterion().equals("observation_period")).findFirst()
                .orElseThrow().value();
    }

    @Test
    void settlementCumulativeAndRate() {
        var moving = List.of(new ParcelEvidence.MarkerSettlement(1, "M1", 12, 170, 35.0, 0.2, 35.0));
        Map<String, Verdict> v = verdicts(with(set(8, moving)));
        assertThat(v.get("settlement_cumulative")).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(v.get("settlement_rate")).isEqualTo(Verdict.DOES_NOT_MEET);
        var shortRecord = List.of(new ParcelEvidence.MarkerSettlement(1, "M1", 3, 20, 1.0, 0.05, 1.0));
        assertThat(verdicts(with(set(8, shortRecord))).get("settlement_cumulative")).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(verdicts(with(set(8, List.of()))).get("settlement_rate")).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void fiberStrainWithinClassOne() {
        assertThat(verdicts(with(set(10, 2500.0))).get("fiber_strain")).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(verdicts(with(set(10, -1999.0))).get("fiber_strain")).isEqualTo(Verdict.MEETS);
        assertThat(verdicts(with(set(10, "null"))).get("fiber_strain")).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(verdicts(with(f -> {
            f.set(9, false);
            f.set(10, "null");
            return f;
        })).get("fiber_strain")).isEqualTo(Verdict.MEETS);
    }

    @Test
    void openSevereAlerts() {
        assertThat(verdicts(with(set(12, 1))).get("open_alerts")).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(AcceptanceRules.judge(with(set(12, 1)), C).verdict()).isEqualTo(Verdict.DOES_NOT_MEET);
    }

    @Test
    void aFailureOutweighsAGapAndAGapOutweighsMeeting() {
        assertThat(Verdict.combine(List.of(Verdict.MEETS, Verdict.INSUFFICIENT_DATA))).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(Verdict.combine(List.of(Verdict.INSUFFICIENT_DATA, Verdict.DOES_NOT_MEET))).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(Verdict.combine(List.of())).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void qaJudgementsPerTestType() {
        QaResult checkOk = new QaResult(1, "C1", "check_hole", "K1", 1L, "P", null, "minor", 1.0, 10.0, null, null, null, null, null, null);
        assertThat(QaJudge.judge(checkOk, C).passed()).isTrue();
        QaResult tooMuch = new QaResult(1, "C1", "check_hole", "K1", 1L, "P", null, "none", 1.6, 10.0, null, null, null, null, null, null);
        assertThat(QaJudge.judge(tooMuch, C).passed()).isFalse();
        assertThat(QaJudge.judge(tooMuch, C).reason()).contains("16.0 %");
        QaResult fluid = new QaResult(1, "C1", "check_hole", "K1", 1L, "P", null, "major", 0.1, 10.0, null, null, null, null, null, null);
        assertThat(QaJudge.judge(fluid, C).passed()).isFalse();
        QaResult alone = new QaResult(1, "C1", "check_hole", "K1", 1L, "P", null, "none", 0.1, null, null, null, null, null, null, null);
        assertThat(QaJudge.judge(alone, C).passed()).isNull();
        assertThat(core(9.0).passed()).isTrue();
        assertThat(core(8.9).passed()).isFalse();
        QaResult wave = new QaResult(1, "W1", "wave_velocity", "K1", 1L, "P", null, null, null, null, null, 1900.0, null, null, null, null);
        assertThat(QaJudge.judge(wave, C).passed()).isFalse();
        QaResult tv = new QaResult(1, "T1", "borehole_tv", "K1", 1L, "P", null, null, null, null, null, null, true, "void at 41 m", null, null);
        assertThat(QaJudge.judge(tv, C).passed()).isFalse();
        assertThat(QaJudge.judge(tv, C).reason()).contains("void at 41 m");
    }

    /** good() with markers whose settlement gives the tilts and curvatures of {@code markers} (EPSG:4548 metres). */
    private static ParcelEvidence withGradients(List<GroundGradients.Marker> markers) {
        ParcelEvidence g = good();
        return new ParcelEvidence(g.parcelId(), g.code(), g.areaMu(), g.status(), g.groutingHoles(), g.groutTakeM3(), g.lastGroutedOn(),
                g.qaTests(), g.markers(), g.fiberMonitored(), g.maxGroundStrainUe(), g.maxStrainCable(), g.openSevereAlerts(), g.windowFrom(),
                g.windowTo(), SITE, g.meanTakeByOrderM3(), GroundGradients.of(markers, 150));
    }

    private static CriterionResult criterion(ParcelEvidence e, String name) {
        return AcceptanceRules.judge(e, C).criteria().stream().filter(c -> c.criterion().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void tiltAndCurvatureFromNeighbouringMarkersAgainstClassI() {
        // A–B–C in line, 10 m apart: tilts 40/10 = 4 mm/m (A–B) and (39 − 40)/10 = −0.1 mm/m (B–C); A–C (20 m): 39/20 = 1.95
        // curvature at B: (−0.1 − 4) / 10 = −0.41 × 10⁻³/m
        var steep = withGradients(List.of(new GroundGradients.Marker("A", 0, 0, 0), new GroundGradients.Marker("B", 10, 0, 40),
                new GroundGradients.Marker("C", 20, 0, 39)));
        CriterionResult tilt = criterion(steep, "tilt");
        assertThat(tilt.verdict()).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(tilt.value()).isEqualTo(4.0);
        assertThat(tilt.limit()).isEqualTo(3.0);
        assertThat(tilt.unit()).isEqualTo("mm/m");
        assertThat(tilt.args()).containsExactly("A", "B", "10");
        CriterionResult curvature = criterion(steep, "curvature");
        assertThat(curvature.verdict()).isEqualTo(Verdict.DOES_NOT_MEET);
        assertThat(curvature.value()).isEqualTo(0.41);
        assertThat(curvature.limit()).isEqualTo(0.2);
        assertThat(curvature.args()).containsExactly("B", "A", "C");
        assertThat(AcceptanceRules.judge(steep, C).verdict()).isEqualTo(Verdict.DOES_NOT_MEET);

        // gentle: 2 mm/m and (21 − 20)/10 = 0.1 mm/m, curvature (0.1 − 2) / 10 = −0.19: class I holds
        var gentle = withGradients(List.of(new GroundGradients.Marker("A", 0, 0, 0), new GroundGradients.Marker("B", 10, 0, 20),
                new GroundGradients.Marker("C", 20, 0, 21)));
        assertThat(criterion(gentle, "tilt").verdict()).isEqualTo(Verdict.MEETS);
        assertThat(criterion(gentle, "tilt").value()).isEqualTo(2.0);
        assertThat(criterion(gentle, "curvature").verdict()).isEqualTo(Verdict.MEETS);
        assertThat(criterion(gentle, "curvature").value()).isEqualTo(0.19);

        // a lone marker: nothing to compute, judged on settlement alone, and the detail says so
        CriterionResult lone = criterion(good(), "tilt");
        assertThat(lone.verdict()).isEqualTo(Verdict.MEETS);
        assertThat(lone.value()).isNull();
        assertThat(lone.message()).isEqualTo("tilt.noPair");
        assertThat(criterion(good(), "curvature").message()).isEqualTo("curvature.noTriple");
    }
}
