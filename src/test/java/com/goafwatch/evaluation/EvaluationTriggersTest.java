package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;
import com.goafwatch.support.TestInflux;

/**
 * Ingestion triggers evaluation of the parcels it touched (in a service started with that switched on);
 * an InfluxDB outage reports "no data source" and changes nothing; InfluxQL injection through names is
 * harmless because names never reach InfluxQL and tag values are quoted ids.
 */
class EvaluationTriggersTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    @Test
    void ingestionEvaluatesTheParcelsItTouched() throws Exception {
        try (RunningService service = RunningService.start(RunningService.sharedServers("--goafwatch.evaluation.on-ingest=true",
                "--goafwatch.evaluation.after-ingest-delay=100ms",
                "--goafwatch.evaluation.first-cycle-after=0s", "--goafwatch.spool.dir=" + TestDirs.fresh("trigger-spool")))) {
            var api = service.api().as("admin", com.goafwatch.support.TestUsers.ADMIN_PASSWORD);
            EvaluationSite site = new EvaluationSite(api, new com.goafwatch.support.Fixtures(api), jdbc, "TRIG");
            site.cable();
            site.rule("""
                    {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue", "red": 800,
                     "spikeFilter": false}""");
            // a partial trace over parcel A only (fiber 60-140 m)
            String partial = site.trace(Instant.now().minusSeconds(30), 100, 1000).lines().filter(l -> {
                int d = Integer.parseInt(l.replaceAll(".*distance_m=(\\d+),.*", "$1"));
                return d >= 60 && d <= 140;
            }).collect(Collectors.joining("\n"));
            site.send(partial);
            long deadline = System.currentTimeMillis() + 30_000;
            List<Object> alerts = List.of();
            while (alerts.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                alerts = api.get("/api/v1/alerts?project=" + site.projectId).json("$.alerts");
            }
            assertThat(alerts).as("raised by the ingestion-triggered evaluation").hasSize(1);
            var report = api.get("/api/v1/projects/" + site.projectId + "/evaluation");
            assertThat((String) report.json("$.trigger")).isEqualTo("ingest");
            // only the touched parcel (A) was evaluated
            assertThat(((Number) report.json("$.parcels")).intValue()).isEqualTo(1);
        }
    }

    @Test
    void influxOutageIsNoDataSourceAndChangesNothing() throws InterruptedException {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "OUT");
        site.cable();
        site.rule("""
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue", "red": 800,
                 "noDataAfterSeconds": 60}""");
        TestInflux own = TestInflux.startNew();
        String[] args = Arrays.stream(RunningService.sharedServers("--goafwatch.spool.dir=" + TestDirs.fresh("outage-spool")))
                .map(a -> a.startsWith("--goafwatch.influx.url=") ? "--goafwatch.influx.url=" + own.url() : a).toArray(String[]::new);
        // clock-driven: the service evaluates "now" = 30 s after the trace however long ingestion takes on a busy machine
        Instant sent = Instant.now().minusSeconds(30);
        java.time.Clock evaluationClock = java.time.Clock.fixed(sent.plusSeconds(30), java.time.ZoneOffset.UTC);
        try (RunningService service = RunningService.start(evaluationClock, args)) {
            var api = service.api().as("admin", com.goafwatch.support.TestUsers.ADMIN_PASSWORD);
            EvaluationSite onService = new EvaluationSite(api, site);
            onService.send(onService.trace(sent, 100, 0));
            long deadline = System.currentTimeMillis() + 30_000;
            while (((Number) api.get("/api/v1/ingest/status").json("$.pendingBatches")).intValue() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            var before = api.postJson("/api/v1/projects/" + site.projectId + "/evaluate", "");
            assertThat((String) before.json("$.dataSource")).isEqualTo("ok");
            assertThat((String) api.get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.flags[0].status")).isEqualTo("ok");
            long statesBefore = jdbc.sql("SELECT count(*) FROM rule_state WHERE project_id = ?").param(site.projectId).query(Long.class)
                    .single();
            own.stop();
            var r = api.postJson("/api/v1/projects/" + site.projectId + "/evaluate", "");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat((String) r.json("$.dataSource")).isEqualTo("unavailable");
            assertThat(((Number) r.json("$.transitions")).intValue()).isZero();
            // an outage is not "no data" at the parcels: no alert, no state change
            assertThat((List<Object>) api.get("/api/v1/alerts?project=" + site.projectId).json("$.alerts")).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM rule_state WHERE project_id = ?").param(site.projectId).query(Long.class).single())
                    .isEqualTo(statesBefore);
            // the last known flag stays, marked as not current
            var flags = api.get("/api/v1/parcels/" + site.parcelA + "/flags");
            assertThat((String) flags.json("$.flags[0].status")).isEqualTo("ok");
            assertThat((String) flags.json("$.flags[0].dataSource")).isEqualTo("unavailable");
        } finally {
            own.stop();
        }
    }

    @Test
    void injectionThroughNamesIsHarmless() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "INJ");
        site.cable();
        site.rule("""
                {"name": "x' OR 1=1; DROP DATABASE goafwatch; --\\" /.*/", "metric": "fiber_strain", "statistic": "max_abs",
                 "windowSeconds": 600, "unit": "ue", "red": 800, "spikeFilter": false}""");
        Instant t = Instant.now().minusSeconds(120);
        site.send(site.trace(t, 100, 900));
        awaitDrained();
        CycleReport r = evaluator.evaluate(site.projectId, null, t.plusSeconds(1), "test");
        assertThat(r.dataSource()).isEqualTo("ok");
        assertThat(r.transitions()).isEqualTo(2); // A raised, B's first state (within limits)
        List<String> names = api().get("/api/v1/alerts?project=" + site.projectId).json("$.alerts[*].ruleName");
        assertThat(names).containsExactly("x' OR 1=1; DROP DATABASE goafwatch; --\" /.*/");
        assertThat(TestInflux.get().count("strain_ue", "fiber_strain", "")).isPositive();
        // tag filters on the alert API are bound parameters: a hostile value is a 400, not a query
        assertThat(api().get("/api/v1/alerts?project=1%20OR%201=1").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/alerts?state=open'%3B--").status()).isEqualTo(400);
    }
}
