package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;

/**
 * A rule an engineer disables stops judging at once (its alert closes and its level no longer colours the parcel);
 * enabled again it starts afresh: it awaits a reading for its no-data age from the moment it was enabled (a sensor
 * left silent while nobody watched is not "no data" the minute it is watched again), and a limit still exceeded
 * raises a new alert (before, the old red state outlived the closed alert, so nothing was raised).
 * Real API, PostGIS and InfluxDB; the evaluator runs at scripted times.
 */
class RuleReenabledTest extends IntegrationTest {

    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "red": 800, "noDataAfterSeconds": 7200, "spikeFilter": false, "enabled": %s}""";

    @Autowired
    Evaluator evaluator;

    @Test
    void aDisabledRuleStopsColouringItsParcelAndReEnabledItAwaitsThenRaisesAnew() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "REEN");
        site.cable();
        long rule = site.rule(RULE.formatted(true));
        jdbc.sql("UPDATE cable SET created_at = date_trunc('second', now()) - interval '4 hours' WHERE project_id = ?").param(site.projectId)
                .update();
        jdbc.sql("UPDATE threshold_rule SET created_at = date_trunc('second', now()) - interval '4 hours', monitored_since = date_trunc('second', now()) - interval '4 hours' WHERE id = ?").param(rule).update();

        // three hours ago: a red trace (900 µε over 800), judged a minute later
        Instant old = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.HOURS);
        site.send(site.trace(old, 100, 900));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, old.plusSeconds(60), "test");
        assertThat(openAlerts(site, "threshold")).hasSize(1);
        assertThat(parcelLevel(site)).isEqualTo("red");

        // disabled: its alert closes and the parcel is no longer red by a rule nobody applies
        assertThat(api().putJson("/api/v1/rules/" + rule, RULE.formatted(false)).status()).isEqualTo(200);
        assertThat(openAlerts(site, "threshold")).isEmpty();
        evaluator.evaluate(site.projectId, null, old.plusSeconds(120), "test");
        assertThat(parcelLevel(site)).as("no enabled rule judges the parcel").isNotEqualTo("red");

        // enabled again now: the newest trace is three hours old (beyond the 2 h age), but the rule has only just
        // begun watching, so it awaits a reading instead of reporting no data at once
        assertThat(api().putJson("/api/v1/rules/" + rule, RULE.formatted(true)).status()).isEqualTo(200);
        Instant enabledAt = jdbc.sql("SELECT monitored_since FROM threshold_rule WHERE id = ?").param(rule)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(enabledAt).isAfter(old.plus(3, ChronoUnit.HOURS).minusSeconds(5));
        evaluator.evaluate(site.projectId, null, enabledAt.plusSeconds(60), "test");
        var flags = api().get("/api/v1/parcels/" + site.parcelA + "/flags");
        assertThat((String) flags.json("$.flags[0].status")).isEqualTo("unknown");
        assertThat((String) flags.json("$.flags[0].awaiting.since")).isEqualTo(enabledAt.toString());
        assertThat(openAlerts(site, "no_data")).isEmpty();

        // a fresh trace still over the red limit: a new alert, as for any rule seeing red for the first time
        Instant fresh = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        site.send(site.trace(fresh, 100, 900));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, fresh.plusSeconds(1), "test");
        assertThat(openAlerts(site, "threshold")).as("the limit is still exceeded").hasSize(1);
        assertThat(parcelLevel(site)).isEqualTo("red");
    }

    @Test
    void reEnabledAndStillSilentItReportsNoDataOnceTheAgeHasPassedSinceEnabling() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "REEN2");
        site.cable();
        long rule = site.rule(RULE.formatted(false));
        Instant old = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.HOURS);
        site.send(site.trace(old, 100, 100));
        awaitDrained();
        assertThat(api().putJson("/api/v1/rules/" + rule, RULE.formatted(true)).status()).isEqualTo(200);
        Instant enabledAt = jdbc.sql("SELECT monitored_since FROM threshold_rule WHERE id = ?").param(rule)
                .query(java.sql.Timestamp.class).single().toInstant();

        evaluator.evaluate(site.projectId, null, enabledAt.plusSeconds(7200), "test");
        assertThat(openAlerts(site, "no_data")).as("at exactly the age").isEmpty();
        evaluator.evaluate(site.projectId, null, enabledAt.plusSeconds(7260), "test");
        var noData = openAlerts(site, "no_data");
        assertThat(noData).hasSize(1);
        assertThat((String) api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data&state=open")
                .json("$.alerts[0].sensorCode")).isEqualTo("T-1");
    }

    private List<Object> openAlerts(EvaluationSite site, String kind) {
        return api().get("/api/v1/alerts?project=" + site.projectId + "&kind=" + kind + "&state=open").json("$.alerts");
    }

    private String parcelLevel(EvaluationSite site) {
        return api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.level");
    }
}
