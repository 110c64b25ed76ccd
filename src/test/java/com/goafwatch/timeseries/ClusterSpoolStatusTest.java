package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;
import com.goafwatch.support.TestPostgres;

/**
 * {@code /ingest/status} through an observer instance while other instances stop cleanly: one that stops with batches in
 * its spool (InfluxDB away) stays listed as "stopped" with where they wait, and leaves the live totals; one that stops
 * with an empty spool leaves no row.
 */
class ClusterSpoolStatusTest {

    private static final int SAMPLES = 40;

    @Test
    void instancesStoppedCleanlyAreListedWhileTheirSpoolHoldsBatchesAndLeaveTheTotals() throws Exception {
        try (RunningService observer = RunningService.start(RunningService.sharedServers())) {
            HttpApi c = observer.api();
            Path xSpool = Path.of(TestDirs.fresh("status-x-spool"));
            String xVolume;
            int totalWithX;
            try (RunningService x = RunningService.start("--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(),
                    "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=http://127.0.0.1:9",
                    "--goafwatch.influx.connect-timeout=200ms", "--goafwatch.spool.dir=" + xSpool, "--goafwatch.spool.max-size=5MB")) {
                Fixtures fixtures = new Fixtures(x.api());
                long project = fixtures.project(Fixtures.uniqueCode("STS"));
                fixtures.trenchCable(project, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
                StringBuilder csv = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
                Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
                for (int d = 0; d < SAMPLES; d++) {
                    csv.append(t).append(',').append(d).append(",20.0,15.0\n");
                }
                assertThat(x.api().postBytes("/api/v1/projects/" + project + "/ingest/traces?cable=T-1", "text/csv",
                        csv.toString().getBytes()).status()).isEqualTo(202);
                xVolume = Files.readString(xSpool.resolve("volume-id")).trim();
                String row = "$.instances[?(@.volumeId == '" + xVolume + "')]";
                await("X's batch published", () -> c.get("/api/v1/ingest/status").<List<Object>>json(row + ".pendingBatches").contains(1));
                var live = c.get("/api/v1/ingest/status");
                assertThat(live.<List<Object>>json(row + ".state")).containsExactly("live");
                assertThat(live.<List<Object>>json(row + ".pendingSamples")).containsExactly(SAMPLES);
                assertThat(live.<List<Object>>json(row + ".quotaBytes")).containsExactly(5 * 1024 * 1024);
                assertThat(live.<List<String>>json(row + ".lastError").get(0)).as("X's drain error, seen from the observer").isNotBlank();
                totalWithX = live.<Number>json("$.pendingBatches").intValue();
                assertThat(totalWithX).isGreaterThanOrEqualTo(1);
            }
            String row = "$.instances[?(@.volumeId == '" + xVolume + "')]";
            var afterX = c.get("/api/v1/ingest/status");
            assertThat(afterX.<List<Object>>json(row + ".state")).as("X stopped with its batch on its volume").containsExactly("stopped");
            assertThat(afterX.<List<String>>json(row + ".note").get(0)).contains("1 batch(es) wait in " + xSpool.toAbsolutePath());
            assertThat(afterX.<Number>json("$.pendingBatches").intValue()).as("X's batch is no longer in the live total").isEqualTo(totalWithX - 1);
            assertThat(afterX.<Number>json("$.undrainedBatches").intValue()).isGreaterThanOrEqualTo(1);

            String yVolume;
            try (RunningService y = RunningService.start(RunningService.sharedServers())) {
                yVolume = y.api().get("/api/v1/ingest/status").json("$.instance");
                await("Y's status published", () -> c.get("/api/v1/ingest/status").<List<Object>>json(
                        "$.instances[?(@.volumeId == '" + yVolume + "')]").size() == 1);
            }
            assertThat(c.get("/api/v1/ingest/status").<List<Object>>json("$.instances[?(@.volumeId == '" + yVolume + "')]"))
                    .as("Y stopped with an empty spool: nothing to report").isEmpty();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 120 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
