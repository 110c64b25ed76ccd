package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;

/**
 * A sensor registered before its first reading (a new cable before the interrogator's first trace, a marker before
 * the levelling crew's first visit) is not silent until the rule's no-data age has passed since monitoring began —
 * the later of the rule's creation and the sensor's registration (or installation, when later). Until then its flag
 * is "unknown", awaiting the first sample, never "ok"; after it, one no-data alert; the first sample clears it.
 * Real API, PostGIS and InfluxDB; the evaluator runs at scripted times.
 */
class NeverReportedSensorTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    @Test
    void aNewCableAwaitsItsFirstTraceForTheNoDataAgeThenIsSilentThenClears() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "NEVER");
        site.cable();
        long rule = site.rule("""
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
                 "yellow": 400, "red": 800, "noDataAfterSeconds": 7200, "spikeFilter": false}""");
        // the cable was registered three hours ago, the rule ten minutes after it: monitoring began when the rule was created
        jdbc.sql("UPDATE cable SET created_at = date_trunc('second', now()) - interval '3 hours' WHERE project_id = ?").param(site.projectId)
                .update();
        jdbc.sql("UPDATE threshold_rule SET created_at = date_trunc('second', now()) - interval '170 minutes', monitored_since = date_trunc('second', now()) - interval '170 minutes' WHERE id = ?").param(rule)
                .update();
        Instant began = jdbc.sql("SELECT GREATEST(r.monitored_since, c.created_at) FROM threshold_rule r JOIN cable c ON c.project_id = r.project_id "
                + "WHERE r.id = ?").param(rule).query(java.sql.Timestamp.class).single().toInstant();

        // a minute in, and at exactly the no-data age: awaiting the first trace, no alert, nothing stored as a state
        for (Instant at : List.of(began.plusSeconds(60), began.plusSeconds(7200))) {
            evaluator.evaluate(site.projectId, null, at, "test");
            var flags = api().get("/api/v1/parcels/" + site.parcelA + "/flags");
            assertThat((String) flags.json("$.flags[0].status")).as("at %s", at).isEqualTo("unknown");
            assertThat((String) flags.json("$.flags[0].awaiting.since")).isEqualTo(began.toString());
            assertThat((String) flags.json("$.flags[0].awaiting.noDataFrom")).isEqualTo(began.plusSeconds(7200).toString());
            assertThat((String) flags.json("$.level")).as("never ok by default").isEqualTo("unknown");
            assertThat(openNoData(site)).isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM rule_state WHERE rule_id = ?").param(rule).query(Long.class).single()).isZero();

        // a minute past the age with still nothing: one no-data alert for the cable, no reading ever
        evaluator.evaluate(site.projectId, null, began.plusSeconds(7260), "test");
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.flags[0].status")).isEqualTo("no_data");
        var noData = api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data&state=open");
        assertThat((List<Object>) noData.json("$.alerts")).hasSize(1);
        assertThat((String) noData.json("$.alerts[0].sensorCode")).isEqualTo("T-1");
        assertThat((Object) noData.json("$.alerts[0].evidence.lastReadingAt")).isNull();

        // the first trace arrives: the alert clears and the parcel is judged on it
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        site.send(site.trace(first, 100, 100));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, first.plusSeconds(1), "test");
        assertThat(openNoData(site)).isEmpty();
        var flags = api().get("/api/v1/parcels/" + site.parcelA + "/flags");
        assertThat((String) flags.json("$.flags[0].status")).isEqualTo("ok");
        assertThat((java.util.Map<String, Object>) flags.json("$.flags[0]")).doesNotContainKey("awaiting");
    }

    @Test
    void aMarkerRegisteredAheadOfItsInstallationAwaitsFromItsInstallation() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "AHEAD");
        Instant installed = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        var r = api().postJson("/api/v1/projects/" + site.projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "N1", "type": "settlement-marker", "readingIntervalSeconds": 86400,
                 "installedAt": "%s"}, "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", installed, E0 + 50, N0 + 30));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        site.rule("""
                {"name": "settlement", "metric": "settlement", "statistic": "max_abs", "windowSeconds": 86400, "unit": "mm", "red": 30}""");
        // levelled daily: no data after 2.5 × 1 d = 216 000 s, counted from the installation (later than the registration)
        long age = 216_000;
        for (Instant at : List.of(Instant.now().plusSeconds(60), installed.plusSeconds(age - 60))) {
            evaluator.evaluate(site.projectId, null, at, "test");
            var flags = api().get("/api/v1/parcels/" + site.parcelA + "/flags");
            assertThat((String) flags.json("$.flags[0].status")).as("at %s", at).isEqualTo("unknown");
            assertThat((String) flags.json("$.flags[0].awaiting.since")).isEqualTo(installed.toString());
            assertThat(openNoData(site)).isEmpty();
        }
        evaluator.evaluate(site.projectId, null, installed.plusSeconds(age + 60), "test");
        var noData = api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data&state=open");
        assertThat((List<Object>) noData.json("$.alerts")).hasSize(1);
        assertThat((String) noData.json("$.alerts[0].sensorCode")).isEqualTo("N1");
    }

    private List<Object> openNoData(EvaluationSite site) {
        return api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data&state=open").json("$.alerts");
    }
}
