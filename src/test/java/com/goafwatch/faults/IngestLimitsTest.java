package com.goafwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestClock;
import com.goafwatch.support.TestPostgres;

/**
 * Limits with their problem responses: the spool quota while InfluxDB is away (503 + Retry-After, never
 * silent loss), rows per request (413), requests per minute per caller (429 + Retry-After).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestLimitsTest {

    @TempDir
    static Path spool;
    private static RunningService app;
    private static HttpApi api;
    private static long project;
    /** Time stands still for the rate limit: no request budget refills while the test runs, however slow the machine. */
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));

    @BeforeAll
    static void start() {
        app = RunningService.start(CLOCK, "--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=http://127.0.0.1:9",
                "--goafwatch.influx.connect-timeout=200ms", "--goafwatch.spool.dir=" + spool, "--goafwatch.spool.max-size=20KB",
                "--goafwatch.ingest.max-rows=100", "--goafwatch.limits.requests-per-minute=20");
        api = app.api();
        project = new Fixtures(api).project(Fixtures.uniqueCode("LIM"));
        new Fixtures(api).trenchCable(project, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String trace(Instant t, int rows) {
        StringBuilder b = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        for (int d = 0; d < rows; d++) {
            b.append(t).append(',').append(d).append(",12.5,15.0\n");
        }
        return b.toString();
    }

    @Test
    @Order(2)
    void aFullSpoolRefusesWith503AndRetryAfterAndKeepsWhatItAccepted() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        String path = "/api/v1/projects/" + project + "/ingest/traces?cable=T-1";
        var first = api.postBytes(path, "text/csv", trace(t, 90).getBytes());
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        var second = api.postBytes(path, "text/csv", trace(t.plusSeconds(60), 90).getBytes());
        assertThat(second.status()).as(second.toString()).isEqualTo(503);
        assertThat((String) second.json("$.type")).endsWith("/spool-full");
        assertThat(second.header("Retry-After")).isEqualTo("60");
        try (var files = Files.list(spool)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".lp")).toList()).hasSize(1);
        }
        assertThat((Integer) api.get("/api/v1/ingest/status").json("$.pendingBatches")).isEqualTo(1);
    }

    @Test
    @Order(1)
    void tooManyRowsIs413() {
        var r = api.postBytes("/api/v1/projects/" + project + "/ingest/traces?cable=T-1", "text/csv",
                trace(Instant.now().minusSeconds(3600), 150).getBytes());
        assertThat(r.status()).isEqualTo(413);
        assertThat((String) r.json("$.detail")).contains("more than 100").contains("goafwatch.ingest.max-rows");
        assertThat((Integer) api.get("/api/v1/ingest/status").json("$.pendingBatches")).as("nothing kept").isZero();
    }

    @Test
    void eachCallerHasItsOwnRequestBudget() {
        String name = Fixtures.uniqueCode("busy");
        assertThat(api.postJson("/api/v1/admin/users", "{\"username\": \"" + name + "\", \"role\": \"viewer\", \"allProjects\": true, "
                + "\"password\": \"busy-password-123\"}").status()).isEqualTo(201);
        HttpApi busy = api.as(name, "busy-password-123");
        for (int i = 0; i < 20; i++) {
            var r = busy.get("/api/v1/projects");
            assertThat(r.status()).as("request " + (i + 1) + " of the budget of 20: " + r).isEqualTo(200);
        }
        var last = busy.get("/api/v1/projects");
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isEqualTo("3"); // 20 per minute: one request back every 3 s
        assertThat((String) last.json("$.detail")).contains(name).contains("20 requests per minute");
        assertThat(busy.get("/ogcapi/collections").status()).as("the OGC API is limited too").isEqualTo(429);
        assertThat(busy.get("/tiles/parcels/10/843/404.mvt").status()).as("and the tiles").isEqualTo(429);
        CLOCK.advance(Duration.ofSeconds(3));
        assertThat(busy.get("/api/v1/projects").status()).as("3 s later one request is allowed again").isEqualTo(200);
        assertThat(busy.get("/api/v1/projects").status()).isEqualTo(429);
        assertThat(api.get("/api/v1/ingest/status").status()).as("other callers are unaffected").isEqualTo(200);
    }
}
