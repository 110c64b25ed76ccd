package com.goafwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.ThrowawayPostgres;

/**
 * PostgreSQL restarts under the running service: 503 problems meanwhile, no partial writes, then back to work unaided.
 * The pool waits 10 s for a connection here, so a readiness probe that answered only when the pool gave up would
 * miss its 2 s bound.
 */
class DatabaseOutageTest {

    @TempDir
    Path spool;

    @Test
    void requestsFailWith503DuringTheOutageAndWorkAfterwards() throws Exception {
        try (ThrowawayPostgres pg = new ThrowawayPostgres();
                RunningService app = RunningService.start("--spring.datasource.url=" + pg.jdbcUrl(),
                        "--spring.datasource.hikari.connection-timeout=10000", "--goafwatch.influx.url=" + TestInflux.get().url(),
                        "--goafwatch.spool.dir=" + spool)) {
            HttpApi api = app.api();
            Fixtures fixtures = new Fixtures(api);
            long project = fixtures.project("OUTAGE");
            fixtures.phase(project, 1);
            String token = api.postJson("/api/v1/admin/tokens", "{\"name\": \"script\", \"role\": \"engineer\"}").json("$.secret");

            pg.stop();
            // a balancer's probe: 503 within 2 s of asking, every time, while the pool still waits for its 10 s
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && api.anonymous().get("/actuator/health/readiness").status() != 503) {
                Thread.sleep(100);
            }
            for (int probe = 0; probe < 3; probe++) {
                long asked = System.nanoTime();
                var probed = api.anonymous().get("/actuator/health/readiness");
                long answeredMs = (System.nanoTime() - asked) / 1_000_000;
                assertThat(probed.status()).as(probed.toString()).isEqualTo(503);
                assertThat(answeredMs).as("readiness answered within 2 s").isLessThan(2000);
            }
            var basic = api.get("/api/v1/projects");
            assertThat(basic.status()).as(basic.toString()).isEqualTo(503);
            assertThat(basic.contentType()).startsWith("application/problem+json");
            assertThat(basic.header("Retry-After")).isNotBlank();
            var write = api.bearer(token).postJson("/api/v1/projects/" + project + "/parcels/import?crs=EPSG:4548", Fixtures.collection(
                    Fixtures.feature("DOWN-1", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 10))));
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            assertThat(api.get("/actuator/health").status()).isEqualTo(503);
            // what Docker's health check and a load balancer see: no credentials, so no database lookup
            // before the endpoint; the status alone, and 503 because it is DOWN
            var health = api.anonymous().get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat((String) health.json("$.status")).isEqualTo("DOWN");
            var readiness = api.anonymous().get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
            assertThat((String) readiness.json("$.status")).isEqualTo("DOWN");
            var liveness = api.anonymous().get("/actuator/health/liveness");
            assertThat(liveness.status()).as("the process is alive: restarting it would not bring the database back")
                    .isEqualTo(200);
            assertThat((String) liveness.json("$.status")).isEqualTo("UP");

            pg.start();
            deadline = System.currentTimeMillis() + 120_000;
            int status = 0;
            while (System.currentTimeMillis() < deadline && status != 200) {
                status = api.get("/api/v1/projects/" + project).status();
                Thread.sleep(250);
            }
            assertThat(status).isEqualTo(200);
            assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(200);
            assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat((Integer) api.get("/api/v1/parcels?project=" + project).json("$.numberMatched")).as("nothing half-written").isZero();
            var retried = api.bearer(token).postJson("/api/v1/projects/" + project + "/parcels/import?crs=EPSG:4548", Fixtures.collection(
                    Fixtures.feature("DOWN-1", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 10))));
            assertThat(retried.status()).isEqualTo(200);
        }
    }
}
