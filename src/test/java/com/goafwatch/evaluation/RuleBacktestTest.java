package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;

/**
 * The backtest of a draft rule against the real PostGIS and InfluxDB: its predicted alerts (parcel, level, time)
 * are what the evaluator raises once the rule is saved and the same cycles run, and it writes nothing.
 * History on {@link EvaluationSite}: a trace every 4 h for two days, ground strain 0 except over 90–110 m of the
 * cable (parcel A, 11 samples: wide enough to be confirmed on one trace) where it rises 600 → 900 → 1500 → 2100
 * and falls again. Draft: blue 500, yellow 1000, red 2000 µε over a 6 h window, so by hand: raised blue at the
 * first cycle at or after the 600 trace, yellow at the 1500 trace's, red at the first 2100 trace's; nothing on B.
 */
class RuleBacktestTest extends IntegrationTest {

    private static final String DRAFT = """
            {"name": "backtest strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 21600, "unit": "ue",
             "blue": 500, "yellow": 1000, "red": 2000}""";
    private static final double[] PEAKS = {0, 0, 0, 600, 900, 1500, 2100, 2100, 1500, 600, 0, 0};

    /** A 12 h mean with a no-data age shorter than the trace interval: sliced windows, merges and no-data boundaries. */
    private static final String MEAN_DRAFT = """
            {"name": "backtest mean", "metric": "fiber_strain", "statistic": "mean", "windowSeconds": 43200, "unit": "ue",
             "noDataAfterSeconds": 7200, "blue": 20, "yellow": 40, "red": 60}""";

    @Autowired
    Evaluator evaluator;
    @Autowired
    RuleBacktest backtest;
    @Autowired
    LayoutReader layouts;
    @Autowired
    com.goafwatch.threshold.RuleRepository rules;
    @Autowired
    com.goafwatch.threshold.RuleService ruleService;
    @Autowired
    com.goafwatch.timeseries.InfluxClient influx;
    @Autowired
    EvaluationProperties evaluation;
    @Autowired
    BacktestProperties limits;

    @Test
    void predictedAlertsAreWhatTheEvaluatorRaisesOnceTheRuleIsSaved() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "BACKTEST");
        site.cable();
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(50, ChronoUnit.HOURS);
        StringBuilder lp = new StringBuilder();
        List<Instant> traceTimes = new ArrayList<>();
        for (int i = 0; i < PEAKS.length; i++) {
            Instant at = first.plus(4L * i, ChronoUnit.HOURS);
            double peak = PEAKS[i];
            traceTimes.add(at);
            lp.append(site.trace(at, d -> d >= 90 && d <= 110 ? peak : 0, d -> 16));
        }
        site.send(lp.toString());
        awaitDrained();
        long[] before = footprint(site.projectId);

        var r = api().postJson("/api/v1/projects/" + site.projectId + "/rules/backtest", "{\"days\": 2, \"rule\": " + DRAFT + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Instant from = Instant.parse(r.json("$.from"));
        long step = ((Number) r.json("$.stepSeconds")).longValue();
        int cycles = ((Number) r.json("$.cycles")).intValue();
        assertThat(step).isEqualTo(300);
        assertThat(cycles).isEqualTo(2 * 288);
        List<Map<String, Object>> predicted = r.json("$.alerts");
        // nothing written: no rule, state, alert, event, delivery or audit row
        assertThat(footprint(site.projectId)).containsExactly(before);

        // by hand: the first cycle at or after the trace that first reaches each level
        assertThat(predicted).extracting(a -> a.get("parcelCode"), a -> a.get("change"), a -> a.get("level"), a -> Instant.parse((String) a.get("at")))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "raised", "blue", cycleAtOrAfter(from, step, traceTimes.get(3))),
                        org.assertj.core.groups.Tuple.tuple("A", "escalated", "yellow", cycleAtOrAfter(from, step, traceTimes.get(5))),
                        org.assertj.core.groups.Tuple.tuple("A", "escalated", "red", cycleAtOrAfter(from, step, traceTimes.get(6))));

        // the history read once and sliced per cycle gives what reading InfluxDB cycle by cycle gives, every transition
        // (two days: the traces begin 50 h back, so the first cycles still judge the no-data boundary before them)
        RuleBacktest eachCycle = new RuleBacktest(evaluator, layouts, rules, jdbc, influx, evaluation, limits, false);
        Instant end = from.plusSeconds(cycles * step);
        for (String draft : List.of(DRAFT, MEAN_DRAFT)) {
            com.goafwatch.threshold.ThresholdRule rule = ruleService.draft(site.projectId, 0,
                    new tools.jackson.databind.json.JsonMapper().readValue(draft, com.goafwatch.threshold.RuleRequest.class));
            BacktestDocument once = backtest.run(site.projectId, rule, 2, end);
            BacktestDocument slow = eachCycle.run(site.projectId, rule, 2, end);
            assertThat(once.transitions()).as(draft).isNotEmpty().isEqualTo(slow.transitions());
            assertThat(once.alerts()).as(draft).isEqualTo(slow.alerts());
        }

        // save the rule, then run the evaluator cycle by cycle over the same times
        long ruleId = site.rule(DRAFT);
        for (int k = 1; k <= cycles; k++) {
            evaluator.evaluate(site.projectId, null, from.plusSeconds(k * step), "replay");
        }
        List<List<Object>> raised = jdbc.sql("""
                SELECT p.code, e.kind, e.level, e.at FROM alert_event e JOIN alert a ON a.id = e.alert_id JOIN parcel p ON p.id = a.parcel_id
                WHERE a.rule_id = ? AND a.kind = 'threshold' AND e.kind IN ('raised', 'escalated') ORDER BY e.at, e.id""").param(ruleId)
                .query((rs, i) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
        List<List<Object>> expected = predicted.stream()
                .map(a -> List.<Object>of(a.get("parcelCode"), a.get("change"), a.get("level"), Instant.parse((String) a.get("at")))).toList();
        assertThat(raised).isEqualTo(expected);
    }

    /**
     * The rules the backtest still reads cycle by cycle: a settlement and a fiber strain rate rule. Marker M on parcel A is
     * levelled every 6 h, settling 0, 0, 4, 8, 12, 16, 20, 24, 28 mm (over yellow 10 from the 12 mm levelling); ground strain at
     * 100 m (parcel A) grows 50 µε per 6 h trace, 200 µε/d (over yellow 100 µε/d once two traces span the day). Each draft's
     * predicted alerts are those the evaluator raises cycle by cycle once it is saved, and each raises at least one.
     */
    @Test
    void aSettlementAndAFiberRateRulePredictWhatTheEvaluatorRaises() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "BACKTEST-MR");
        site.cable();
        site.marker("M", com.goafwatch.support.Fixtures.E0 + 30, com.goafwatch.support.Fixtures.N0 + 30);
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(50, ChronoUnit.HOURS);
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i <= 8; i++) {
            Instant at = first.plus(6L * i, ChronoUnit.HOURS);
            lp.append(site.trace(at, 100, 300 + 50.0 * i)).append(site.settlement("M", at, Math.max(0, 4.0 * (i - 1))));
        }
        site.send(lp.toString());
        awaitDrained();
        String settlement = """
                {"name": "backtest settlement", "metric": "settlement", "statistic": "max", "windowSeconds": 86400, "unit": "mm",
                 "yellow": 10, "red": 30, "spikeFilter": false}""";
        String rate = """
                {"name": "backtest rate", "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 86400, "unit": "ue/d",
                 "yellow": 100, "red": 300}""";
        for (String draft : List.of(settlement, rate)) {
            var r = api().postJson("/api/v1/projects/" + site.projectId + "/rules/backtest", "{\"days\": 2, \"rule\": " + draft + "}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            Instant from = Instant.parse(r.json("$.from"));
            long step = ((Number) r.json("$.stepSeconds")).longValue();
            int cycles = ((Number) r.json("$.cycles")).intValue();
            List<Map<String, Object>> predicted = r.json("$.alerts");
            assertThat(predicted).as(draft).extracting(a -> a.get("parcelCode"), a -> a.get("level"))
                    .contains(org.assertj.core.groups.Tuple.tuple("A", "yellow"));

            // save it, run the evaluator over the backtest's own cycle times, then remove it before the next draft
            long ruleId = site.rule(draft);
            for (int k = 1; k <= cycles; k++) {
                evaluator.evaluate(site.projectId, null, from.plusSeconds(k * step), "replay");
            }
            List<List<Object>> raised = jdbc.sql("""
                    SELECT p.code, e.kind, e.level, e.at FROM alert_event e JOIN alert a ON a.id = e.alert_id JOIN parcel p ON p.id = a.parcel_id
                    WHERE a.rule_id = ? AND a.kind = 'threshold' AND e.kind IN ('raised', 'escalated') ORDER BY e.at, e.id""").param(ruleId)
                    .query((rs, i) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
            assertThat(raised).as(draft).isEqualTo(predicted.stream()
                    .map(a -> List.<Object>of(a.get("parcelCode"), a.get("change"), a.get("level"), Instant.parse((String) a.get("at")))).toList());
            assertThat(api().delete("/api/v1/rules/" + ruleId).status()).isEqualTo(204);
        }
    }

    @Test
    void aDraftTheValidatorRefusesOrTooManyDaysAreProblemsNamingTheField() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "BACKTEST-BAD");
        var bad = api().postJson("/api/v1/projects/" + site.projectId + "/rules/backtest", """
                {"days": 3, "rule": {"name": "x", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
                 "yellow": 1000, "orange": 900}}""");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat((String) bad.json("$.type")).endsWith("/invalid-rule");
        assertThat((List<String>) bad.json("$.errors[*].field")).containsExactly("orange");
        // 90 days at most (at the 5 min step: 25,920 cycles > 20,000, so 69 days)
        var tooLong = api().postJson("/api/v1/projects/" + site.projectId + "/rules/backtest", "{\"days\": 70, \"rule\": " + DRAFT + "}");
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
        assertThat((String) tooLong.json("$.type")).endsWith("/invalid-backtest");
        assertThat((List<String>) tooLong.json("$.errors[*].field")).containsExactly("days");
        assertThat((String) tooLong.json("$.detail")).contains("between 1 and 69");
    }

    private static Instant cycleAtOrAfter(Instant from, long step, Instant t) {
        long k = Math.max(1, (long) Math.ceil((t.getEpochSecond() - from.getEpochSecond()) / (double) step));
        Instant at = from.plusSeconds(k * step);
        return at.isBefore(t) ? at.plusSeconds(step) : at;
    }

    private long[] footprint(long projectId) {
        return new long[] {
                jdbc.sql("SELECT count(*) FROM threshold_rule WHERE project_id = ?").param(projectId).query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM rule_state WHERE project_id = ?").param(projectId).query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM alert WHERE project_id = ?").param(projectId).query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.project_id = ?").param(projectId)
                        .query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM notification_delivery d JOIN notification_channel c ON c.id = d.channel_id WHERE c.project_id = ?")
                        .param(projectId).query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM audit_event WHERE project_id = ?").param(projectId).query(Long.class).single()};
    }
}
