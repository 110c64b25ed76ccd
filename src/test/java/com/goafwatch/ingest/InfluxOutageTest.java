package com.goafwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * Never lose accepted data: with InfluxDB down the service accepts uploads into its spool; the service is
 * then restarted (a new process in effect: a new application context on the same spool folder), InfluxDB
 * comes back, and every point arrives exactly once.
 */
class InfluxOutageTest {

    @TempDir
    Path spool;
    private TestInflux influx;
    private RunningService app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        if (influx != null) {
            influx.stop();
        }
    }

    private RunningService startService() {
        return RunningService.start("--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + influx.url(),
                "--goafwatch.spool.dir=" + spool, "--goafwatch.spool.max-backoff=500ms", "--goafwatch.influx.connect-timeout=300ms");
    }

    @Test
    void acceptedDataSurvivesAnOutageAndARestartAndArrivesExactlyOnce() throws Exception {
        influx = TestInflux.startNew();
        influx.stop();
        app = startService();
        HttpApi api = app.api();
        var degraded = api.get("/actuator/health");
        assertThat((String) degraded.json("$.components.influx.status")).isEqualTo("DEGRADED");
        assertThat((String) degraded.json("$.status")).isEqualTo("DEGRADED");
        assertThat(degraded.status()).isEqualTo(200);
        var readiness = api.anonymous().get("/actuator/health/readiness");
        assertThat(readiness.status()).as("still taking data into the spool: stays in rotation").isEqualTo(200);
        assertThat((String) readiness.json("$.status")).isEqualTo("UP");

        Fixtures fixtures = new Fixtures(api);
        long projectId = fixtures.project(Fixtures.uniqueCode("OUT"));
        long cableId = fixtures.trenchCable(projectId, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        StringBuilder csv = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        for (int trace = 0; trace < 3; trace++) {
            for (int d = 0; d < 200; d++) {
                csv.append(t0.plusSeconds(trace * 600L)).append(',').append(d).append(",50.0,15.0\n");
            }
        }
        for (int upload = 0; upload < 2; upload++) {
            var r = api.postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=T-1", "text/csv", csv.toString().getBytes());
            assertThat(r.status()).as(r.toString()).isEqualTo(202); // the second upload repeats the first: same points
        }
        var lp = api.postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ms", "text/plain",
                ("fiber_strain,cable=T-1 distance_m=250.0,strain_ue=1.0,temperature_c=15 " + t0.toEpochMilli()).getBytes());
        assertThat(lp.status()).isEqualTo(202);

        var status = api.get("/api/v1/ingest/status");
        assertThat((Integer) status.json("$.pendingBatches")).isEqualTo(3);
        assertThat((Integer) api.get("/actuator/health").json("$.components.spool.details.pendingBatches")).isEqualTo(3);
        try (var files = Files.list(spool)) {
            assertThat(files.filter(p -> p.toString().endsWith(".lp")).count()).isEqualTo(3);
        }

        app.close(); // the service goes away with InfluxDB still down
        app = null;
        influx.start();
        app = startService();
        HttpApi restarted = app.api();
        long deadline = System.currentTimeMillis() + 120_000;
        while (((Integer) restarted.get("/api/v1/ingest/status").json("$.pendingBatches")) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat((Integer) restarted.get("/api/v1/ingest/status").json("$.pendingBatches")).isZero();
        assertThat(influx.count("strain_ue", "fiber_strain", "cable = '" + cableId + "'")).isEqualTo(3 * 200 + 1);
        assertThat((String) restarted.get("/actuator/health").json("$.components.influx.status")).isEqualTo("UP");
    }
}
