package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/**
 * Scripted series written to the real InfluxDB through the ingestion API drive the evaluator, run at
 * scripted times; each step's transition is asserted, then the alerts and their history.
 */
class ScriptedEvaluationTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(10, ChronoUnit.DAYS);

    /** Rule: ground strain max |ε|, 10-minute window (one trace), yellow 400 / orange 600 / red 800, pending 2, hysteresis 10 %. */
    private static final String STRAIN_RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "orange": 600, "red": 800, "hysteresisFraction": 0.1, "pendingEvaluations": 2,
             "noDataAfterSeconds": 7200, "spikeFilter": false}""";

    @Test
    void raisePendingNoFlappingEscalateClearReraiseNoDataAndBack() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "EVAL");
        site.cable();
        site.rule(STRAIN_RULE);
        double[] peaks = {100, 450, 460, 390, 410, 380, 850, 860, 300, 500, 500};
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < peaks.length; i++) {
            all.append(site.trace(t0.plus(10L * i, ChronoUnit.MINUTES), 100, peaks[i]));
        }
        site.send(all.toString());
        awaitDrained();
        // measured but never evaluated: unknown, not "ok"
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.level")).isEqualTo("unknown");
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.flags[0].status")).isEqualTo("unknown");
        assertThat(((Number) api().get("/api/v1/projects/" + site.projectId + "/flag-summary").json("$.counts.unknown")).intValue())
                .isEqualTo(2);
        List<String> levels = new ArrayList<>();
        List<Integer> transitions = new ArrayList<>();
        for (int i = 0; i < peaks.length; i++) {
            CycleReport r = evaluator.evaluate(site.projectId, null, t0.plus(10L * i, ChronoUnit.MINUTES).plusSeconds(1), "test");
            assertThat(r.dataSource()).isEqualTo("ok");
            transitions.add(r.transitions());
            Flag f = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
            assertThat(f.value()).as("step %d value", i).isCloseTo(peaks[i], within(1e-6));
            levels.add(f.level() == null ? "-" : f.level().dbValue());
        }
        // pending 2: raised at the second trace above yellow; 390 and 380 stay inside the 10 % band; red needs two traces
        assertThat(levels).containsExactly("-", "-", "yellow", "yellow", "yellow", "yellow", "yellow", "red", "-", "-", "yellow");
        // the first evaluation stores A's and B's state (from unknown), then only changes are stored
        assertThat(transitions).containsExactly(2, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1);

        List<Map<String, Object>> alerts = api().get("/api/v1/alerts?project=" + site.projectId + "&kind=threshold").json("$.alerts");
        assertThat(alerts).hasSize(2);
        Map<String, Object> first = alerts.get(1);
        assertThat(first.get("state")).isEqualTo("cleared");
        assertThat(first.get("peakLevel")).isEqualTo("red");
        var history = api().get("/api/v1/alerts/" + first.get("id"));
        assertThat((List<String>) history.json("$.events[*].kind")).containsExactly("raised", "escalated", "cleared");
        assertThat((List<String>) history.json("$.events[0:2].level")).containsExactly("yellow", "red");
        Map<String, Object> second = alerts.get(0);
        assertThat(second.get("state")).isEqualTo("raised");
        assertThat(second.get("level")).isEqualTo("yellow");

        // the flag's evidence: cable, chainage and coordinates of the peak (fiber 100 m = E0+50, N0+50)
        var flags = api().get("/api/v1/parcels/" + site.parcelA + "/flags");
        assertThat((String) flags.json("$.level")).isEqualTo("yellow");
        assertThat((String) flags.json("$.flags[0].status")).isEqualTo("flagged");
        assertThat(((Number) flags.json("$.flags[0].threshold")).doubleValue()).isEqualTo(400.0);
        assertThat((String) flags.json("$.flags[0].evidence.cable")).isEqualTo("T-1");
        assertThat(((Number) flags.json("$.flags[0].evidence.chainageM")).doubleValue()).isCloseTo(100.0, within(1e-6));
        assertThat(((Number) flags.json("$.flags[0].evidence.rawValue")).doubleValue()).isCloseTo(0.4 * 500, within(1e-6));
        Map<String, Object> expected = jdbc.sql("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490) p")
                .params(E0 + 50, N0 + 50).query().singleRow();
        assertThat(((Number) flags.json("$.flags[0].evidence.lon")).doubleValue()).isCloseTo((Double) expected.get("lon"), within(1e-7));
        assertThat(((Number) flags.json("$.flags[0].evidence.lat")).doubleValue()).isCloseTo((Double) expected.get("lat"), within(1e-7));
        assertThat((String) flags.json("$.flags[0].evidence.time")).isEqualTo(t0.plus(100, ChronoUnit.MINUTES).toString());
        // parcel B sees only zeros on the same cable: within limits; the parcel GeoJSON carries both levels
        var geo = api().get("/api/v1/parcels?project=" + site.projectId);
        assertThat((List<String>) geo.json("$.features[?(@.properties.code == 'A')].properties.flagLevel")).containsExactly("yellow");
        assertThat((List<String>) geo.json("$.features[?(@.properties.code == 'B')].properties.flagLevel")).containsExactly("ok");

        // silence for longer than the no-data age: no data, never "ok"; the open threshold alert stays
        Instant silent = t0.plus(100, ChronoUnit.MINUTES).plusSeconds(7300);
        CycleReport quiet = evaluator.evaluate(site.projectId, null, silent, "test");
        assertThat(quiet.transitions()).isEqualTo(2); // A and B
        assertThat(evaluator.flags(site.projectId, site.parcelB).values().iterator().next().status()).isEqualTo("no_data");
        // one silent cable (T-1 crosses A and B): one no-data alert naming both parcels, and one summary line
        var noData = api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data&state=open");
        assertThat((List<Object>) noData.json("$.alerts")).hasSize(1);
        assertThat((String) noData.json("$.alerts[0].sensorKind")).isEqualTo("cable");
        assertThat((String) noData.json("$.alerts[0].sensorCode")).isEqualTo("T-1");
        assertThat((List<String>) noData.json("$.alerts[0].evidence.affected[*].parcelCode")).containsExactlyInAnyOrder("A", "B");
        assertThat((List<String>) noData.json("$.noData[0].parcels")).containsExactlyInAnyOrder("A", "B");
        assertThat((Object) noData.json("$.noData[0].silentTo")).isNull();
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.level")).isEqualTo("yellow");
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelB + "/flags").json("$.level")).isEqualTo("no_data");

        // data back at 0: the no-data alerts clear, and so does A's yellow
        site.send(site.trace(silent.plusSeconds(60), 100, 0));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, silent.plusSeconds(61), "test");
        assertThat((List<Object>) api().get("/api/v1/alerts?project=" + site.projectId + "&state=open").json("$.alerts")).isEmpty();
        // the summary now says when the cable's data came back
        assertThat((String) api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data").json("$.noData[0].silentTo")).isNotNull();
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.level")).isEqualTo("ok");
        // only transitions are stored: the first state and 6 changes of A, the first state and 2 changes of B, over 13
        // evaluations — not a row per evaluation
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_type = 'rule_state' AND project_id = ?").param(site.projectId)
                .query(Long.class).single()).isEqualTo(10L);
    }

    @Test
    void aSingleTraceSpikeIsIgnoredUntilRepeated() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "SPIKE");
        site.cable();
        site.rule("""
                {"name": "strain, spike-filtered", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
                 "yellow": 400, "red": 800, "spikeFilter": true}""");
        double[] peaks = {100, 100, 900, 100, 900};
        String[] expected = {"-", "-", "-", "-", "red"};
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < peaks.length; i++) {
            // a single-sample spike at 120 m (nothing either side): it cannot be confirmed spatially, only by a second trace
            double peak = peaks[i];
            all.append(site.trace(t0.plus(10L * i, ChronoUnit.MINUTES), d -> d == 120 ? peak : 0, d -> 16));
        }
        site.send(all.toString());
        awaitDrained();
        for (int i = 0; i < peaks.length; i++) {
            evaluator.evaluate(site.projectId, null, t0.plus(10L * i, ChronoUnit.MINUTES).plusSeconds(1), "test");
            Flag f = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
            assertThat(f.level() == null ? "-" : f.level().dbValue()).as("step %d", i).isEqualTo(expected[i]);
        }
        // the value judged is the second-highest trace: 900 only once two traces reached it
        assertThat(evaluator.flags(site.projectId, site.parcelA).values().iterator().next().value()).isCloseTo(900.0, within(1e-6));
    }

    @Test
    void strainRateOnAKnownSlopeAndMostSpecificRuleWins() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "RATE");
        site.cable();
        // ground strain at 100 m (parcel A) and 200 m (parcel B) grows 120 µε/d; traces every 6 h over a day
        StringBuilder all = new StringBuilder();
        for (int k = 0; k <= 4; k++) {
            double g = 500 + 30.0 * k;
            String a = site.trace(t0.plus(6L * k, ChronoUnit.HOURS), 100, g);
            String b = site.trace(t0.plus(6L * k, ChronoUnit.HOURS), 200, g);
            all.append(merge(a, b));
        }
        site.send(all.toString());
        awaitDrained();
        site.rule("""
                {"name": "rate", "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 90000, "unit": "ue/d",
                 "yellow": 100, "red": 200}""");
        // precedence for strain: project red 800 < phase red 600 < parcel A red 400
        site.rule("""
                {"name": "project strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue", "red": 800,
                 "spikeFilter": false}""");
        site.rule("""
                {"name": "phase strain", "phaseId": %d, "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
                 "red": 600, "spikeFilter": false}""".formatted(site.phaseId));
        site.rule("""
                {"name": "parcel A strain", "parcelId": %d, "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600,
                 "unit": "ue", "red": 400, "spikeFilter": false}""".formatted(site.parcelA));
        evaluator.evaluate(site.projectId, null, t0.plus(24, ChronoUnit.HOURS).plusSeconds(1), "test");

        Map<Long, Flag> a = evaluator.flags(site.projectId, site.parcelA);
        Flag rate = a.values().stream().filter(f -> f.metric().equals("fiber_strain_rate")).findFirst().orElseThrow();
        assertThat(rate.value()).isCloseTo(120.0, within(1e-6));
        assertThat(rate.level().dbValue()).isEqualTo("yellow");
        Flag strainA = a.values().stream().filter(f -> f.metric().equals("fiber_strain")).findFirst().orElseThrow();
        assertThat(strainA.rule()).isEqualTo("parcel A strain");
        assertThat(strainA.scope()).isEqualTo("parcel");
        assertThat(strainA.value()).isCloseTo(620.0, within(1e-6));
        assertThat(strainA.level().dbValue()).isEqualTo("red");
        Flag strainB = evaluator.flags(site.projectId, site.parcelB).values().stream().filter(f -> f.metric().equals("fiber_strain"))
                .findFirst().orElseThrow();
        assertThat(strainB.rule()).isEqualTo("phase strain");
        assertThat(strainB.level().dbValue()).isEqualTo("red");
        // drop the phase rule: B falls back to the project's 800 and clears
        long phaseRule = jdbc.sql("SELECT id FROM threshold_rule WHERE project_id = ? AND name = 'phase strain'").param(site.projectId)
                .query(Long.class).single();
        assertThat(api().delete("/api/v1/rules/" + phaseRule).status()).isEqualTo(204);
        evaluator.evaluate(site.projectId, null, t0.plus(24, ChronoUnit.HOURS).plusSeconds(2), "test");
        strainB = evaluator.flags(site.projectId, site.parcelB).values().stream().filter(f -> f.metric().equals("fiber_strain"))
                .findFirst().orElseThrow();
        assertThat(strainB.rule()).isEqualTo("project strain");
        assertThat(strainB.level()).isNull();
    }

    @Test
    void strainRateIsTheLeastSquaresSlopeOverTheLatestTracesSpanningTheWindow() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "LSQ");
        site.cable();
        // daily traces at 100 m: true ground strain 500 + 50 t (t in days) with noise −30, +200 (an outlier in the middle),
        // +20, +30. First vs last: (680 − 470) / 3 d = 70 µε/d, over yellow. Least squares: t̄ = 1.5, Σ(t − t̄)·noise =
        // (−1.5)(−30) + (−0.5)(200) + (0.5)(20) + (1.5)(30) = 45 − 100 + 10 + 45 = 0, so exactly 50 µε/d: within limits.
        double[] ground = {470, 750, 620, 680};
        StringBuilder all = new StringBuilder();
        for (int k = 0; k < ground.length; k++) {
            all.append(site.trace(t0.plus(k, ChronoUnit.DAYS), 100, ground[k]));
        }
        site.send(all.toString());
        awaitDrained();
        site.rule("""
                {"name": "rate", "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 259200, "unit": "ue/d",
                 "yellow": 60, "red": 200}""");
        evaluator.evaluate(site.projectId, null, t0.plus(3, ChronoUnit.DAYS).plusSeconds(1), "test");
        Flag rate = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
        assertThat(rate.value()).isCloseTo(50.0, within(1e-6));
        assertThat(rate.level()).isNull();
        assertThat(rate.evidence().distanceM()).isCloseTo(100.0, within(1e-9));
        assertThat(rate.evidence().note()).contains("4 traces spanning 3.00 d");

        // day 4 at 1300: the latest traces spanning 3 d are days 1..4 (day 0 drops out): 750, 620, 680, 1300, t̄ = 2.5:
        // Σ(t − t̄)·v = (−1.5)(750) + (−0.5)(620) + (0.5)(680) + (1.5)(1300) = −1125 − 310 + 340 + 1950 = 855;
        // Σ(t − t̄)² = 5 → 171 µε/d, yellow
        site.send(site.trace(t0.plus(4, ChronoUnit.DAYS), 100, 1300));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t0.plus(4, ChronoUnit.DAYS).plusSeconds(1), "test");
        rate = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
        assertThat(rate.value()).isCloseTo(171.0, within(1e-6));
        assertThat(rate.level().dbValue()).isEqualTo("yellow");
        // parcel B saw no strain at all
        assertThat(evaluator.flags(site.projectId, site.parcelB).values().iterator().next().value()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void settlementRateTiltAndCurvatureFromMarkers() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "MARK");
        // three markers in a line 20 m apart inside A; the middle one settles 2 mm/d, the others stay
        site.marker("M1", E0 + 30, N0 + 30);
        site.marker("M2", E0 + 50, N0 + 30);
        site.marker("M3", E0 + 70, N0 + 30);
        StringBuilder lp = new StringBuilder();
        for (int d = 0; d <= 10; d++) {
            Instant t = t0.plus(d, ChronoUnit.DAYS);
            lp.append(site.settlement("M1", t, 0)).append(site.settlement("M2", t, 2.0 * d)).append(site.settlement("M3", t, 0));
        }
        site.send(lp.toString());
        awaitDrained();
        site.rule("""
                {"name": "settlement rate", "metric": "settlement_rate", "statistic": "max_abs", "windowSeconds": 864000, "unit": "mm/d",
                 "yellow": 1.0, "red": 1.67}""");
        site.rule("""
                {"name": "tilt", "metric": "tilt", "statistic": "max_abs", "windowSeconds": 86400, "unit": "mm/m", "yellow": 0.5, "red": 3,
                 "spikeFilter": false}""");
        site.rule("""
                {"name": "curvature", "metric": "curvature", "statistic": "max_abs", "windowSeconds": 86400, "unit": "1/km", "yellow": 0.1,
                 "red": 0.2, "spikeFilter": false}""");
        site.rule("""
                {"name": "settlement", "metric": "settlement", "statistic": "max", "windowSeconds": 86400, "unit": "mm", "yellow": 10,
                 "red": 30, "spikeFilter": false}""");
        site.rule("""
                {"name": "settlement mean", "metric": "settlement", "statistic": "mean", "windowSeconds": 86400, "unit": "mm", "yellow": 5}""");
        Instant now = t0.plus(10, ChronoUnit.DAYS).plusSeconds(60);
        evaluator.evaluate(site.projectId, null, now, "test");
        Map<String, Flag> byMetric = new HashMap<>();
        evaluator.flags(site.projectId, site.parcelA).values().forEach(f -> byMetric.put(f.metric(), f));
        assertThat(byMetric.get("settlement_rate").value()).isCloseTo(2.0, within(1e-6));
        assertThat(byMetric.get("settlement_rate").level().dbValue()).isEqualTo("red");
        assertThat(byMetric.get("settlement_rate").evidence().markers()).containsExactly("M2");
        // 20 mm between markers 20 m apart: 1 mm/m
        assertThat(byMetric.get("tilt").value()).isCloseTo(1.0, within(1e-6));
        assertThat(byMetric.get("tilt").level().dbValue()).isEqualTo("yellow");
        // tilts +1 and −1 mm/m over 20 m: 0.1 mm/m² = 0.1 /km
        assertThat(byMetric.get("curvature").value()).isCloseTo(0.1, within(1e-6));
        assertThat(byMetric.get("curvature").evidence().markers()).containsExactly("M1", "M2", "M3");
        Map<String, Flag> byName = byRule(evaluator.flags(site.projectId, site.parcelA));
        assertThat(byName.get("settlement mean").value()).isCloseTo(20.0 / 3, within(1e-3));
        assertThat(byName.get("settlement mean").level().dbValue()).isEqualTo("yellow");
        assertThat(byName.get("settlement").value()).isCloseTo(20.0, within(1e-6));
        assertThat(byName.get("settlement").level().dbValue()).isEqualTo("yellow");
        // parcel B has no markers and no cable: not monitored, not "ok"
        assertThat(evaluator.flags(site.projectId, site.parcelB).values()).allMatch(f -> f.status().equals("not_monitored"));

        // a settlement baseline re-set after works: cumulative settlement counts from it
        var b = api().postJson("/api/v1/parcels/" + site.parcelA + "/baselines", """
                {"metric": "settlement", "takenAt": "%s", "note": "after re-grouting"}""".formatted(t0.plus(9, ChronoUnit.DAYS)));
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        evaluator.evaluate(site.projectId, null, now.plusSeconds(1), "test");
        Flag settlement = byRule(evaluator.flags(site.projectId, site.parcelA)).get("settlement");
        assertThat(settlement.value()).isCloseTo(2.0, within(1e-6));
        assertThat(settlement.level()).isNull();
    }

    @Test
    void percentileLengthOverMeanTemperatureAndAFiberBaseline() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "STATS");
        site.cable();
        long cableId = jdbc.sql("SELECT id FROM cable WHERE project_id = ?").param(site.projectId).query(Long.class).single();
        site.rule("""
                {"name": "p90", "metric": "fiber_strain", "statistic": "percentile", "statisticParameter": 90, "windowSeconds": 600,
                 "unit": "ue", "yellow": 500, "spikeFilter": false}""");
        site.rule("""
                {"name": "over 500", "metric": "fiber_strain", "statistic": "length_over", "statisticParameter": 500, "windowSeconds": 600,
                 "unit": "m", "yellow": 5, "spikeFilter": false}""");
        site.rule("""
                {"name": "mean", "metric": "fiber_strain", "statistic": "mean", "windowSeconds": 600, "unit": "ue", "yellow": 100}""");
        site.rule("""
                {"name": "cable heat", "metric": "fiber_temperature", "statistic": "max", "windowSeconds": 600, "unit": "degC", "red": 24,
                 "spikeFilter": false}""");
        // ground strain 1000 µε over fiber 80-100 m (11 samples, parcel A); 25 °C at 200 m (parcel B)
        Instant t1 = t0.plus(1, ChronoUnit.HOURS);
        site.send(site.trace(t1, d -> d >= 80 && d <= 100 ? 1000 : 0, d -> d == 200 ? 25 : 16));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t1.plusSeconds(1), "test");
        // expected values from the stored samples and intervals, not from the evaluator
        long inA = TestInflux.get().count("strain_ue", "fiber_strain", "parcel = '" + site.parcelA + "'");
        double lengthInA = jdbc.sql("SELECT sum(fiber_to_m - fiber_from_m) FROM cable_parcel_interval WHERE parcel_id = ?")
                .param(site.parcelA).query(Double.class).single();
        Map<String, Flag> a = byRule(evaluator.flags(site.projectId, site.parcelA));
        assertThat(a.get("p90").value()).isCloseTo(1000.0, within(1e-6));
        assertThat(a.get("p90").level().dbValue()).isEqualTo("yellow");
        assertThat(a.get("over 500").value()).isCloseTo(Math.round(11.0 / inA * lengthInA * 100) / 100.0, within(1e-3));
        assertThat(a.get("over 500").level().dbValue()).isEqualTo("yellow");
        assertThat(a.get("over 500").evidence().cable()).isEqualTo("T-1");
        assertThat(a.get("mean").value()).isCloseTo(11_000.0 / inA, within(1e-3));
        assertThat(a.get("cable heat").value()).isCloseTo(16.0, within(1e-9));
        Map<String, Flag> b = byRule(evaluator.flags(site.projectId, site.parcelB));
        assertThat(b.get("cable heat").value()).isCloseTo(25.0, within(1e-9));
        assertThat(b.get("cable heat").level().dbValue()).isEqualTo("red");
        assertThat(b.get("cable heat").evidence().chainageM()).isCloseTo(200.0, within(1e-6));
        assertThat(b.get("p90").value()).isCloseTo(0.0, within(1e-6));

        // a fiber baseline on the cable at t1: strain now counts from that trace, position by position
        var baseline = api().postJson("/api/v1/cables/" + cableId + "/baselines", """
                {"metric": "fiber_strain", "takenAt": "%s", "note": "after re-grouting"}""".formatted(t1));
        assertThat(baseline.status()).as(baseline.toString()).isEqualTo(201);
        site.rule("""
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue", "yellow": 50,
                 "spikeFilter": false}""");
        Instant t2 = t1.plus(10, ChronoUnit.MINUTES);
        site.send(site.trace(t2, d -> d >= 80 && d <= 100 ? 1000 + (d == 90 ? 100 : 40) : 0, d -> 16));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t2.plusSeconds(1), "test");
        a = byRule(evaluator.flags(site.projectId, site.parcelA));
        assertThat(a.get("strain").value()).isCloseTo(100.0, within(1e-6));
        assertThat(a.get("strain").level().dbValue()).isEqualTo("yellow");
        assertThat(a.get("strain").evidence().chainageM()).isCloseTo(90.0, within(1e-6));
        assertThat(a.get("strain").evidence().lon()).isNotNull();
        assertThat(a.get("p90").value()).isCloseTo(40.0, within(1e-6));
        assertThat(a.get("p90").level()).isNull();
        assertThat(a.get("over 500").value()).isZero();
        assertThat(a.get("mean").value()).isCloseTo((10 * 40 + 100) / (double) inA, within(1e-3));
    }

    private static Map<String, Flag> byRule(Map<Long, Flag> flags) {
        Map<String, Flag> m = new java.util.HashMap<>();
        flags.values().forEach(f -> m.put(f.rule(), f));
        return m;
    }

    private static String merge(String a, String b) {
        // two traces at the same time: keep the larger strain per line (positions are the same)
        String[] la = a.split("\n");
        String[] lb = b.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < la.length; i++) {
            double va = Double.parseDouble(la[i].replaceAll(".*strain_ue=([^,]+),.*", "$1"));
            double vb = Double.parseDouble(lb[i].replaceAll(".*strain_ue=([^,]+),.*", "$1"));
            out.append(va >= vb ? la[i] : lb[i]).append('\n');
        }
        return out.toString();
    }
}
