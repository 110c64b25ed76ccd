package com.goafwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.goafwatch.GoafWatchApplication;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.goafwatch.support.TestUsers;

/**
 * Each instance owns its spool folder. Instance A, a JVM of its own with InfluxDB pointed at a dead port, accepts
 * samples into its spool; while it lives, a second instance on the same folder refuses to start. A is killed with
 * SIGKILL; instance B, started on A's folder with the real InfluxDB, drains it: InfluxDB, queried directly, then holds
 * exactly the samples A accepted. Meanwhile an observer instance reports A's volume in {@code /ingest/status}: live with
 * A's backlog (the sizes checked against the files on disk), then "stale" once A is dead, with where its batches wait.
 */
class SpoolTakeoverTest {

    private static final Path LOG = Path.of("target", "spool-takeover-a.log");
    private static final int TRACES = 3;
    private static final int SAMPLES_PER_TRACE = 150;

    @Test
    void aLockedSpoolIsRefusedAndADeadInstancesSpoolIsDrainedByItsSuccessor() throws Exception {
        Path spool = Path.of(TestDirs.fresh("takeover-spool"));
        String influxDb = "takeover_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String[] database = {"--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(), "--spring.datasource.username=" + TestPostgres.user(),
                "--goafwatch.influx.database=" + influxDb, "--goafwatch.spool.dir=" + spool, "--goafwatch.spool.max-backoff=500ms"};
        int port = freePort();
        Process a = startA(database, port);
        long cableId;
        int accepted;
        try {
            HttpApi api = new HttpApi(port);
            await("A answers", () -> answers(api));
            Fixtures fixtures = new Fixtures(api);
            long project = fixtures.project(Fixtures.uniqueCode("TKO"));
            cableId = fixtures.trenchCable(project, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
            accepted = 0;
            for (int trace = 0; trace < TRACES; trace++) {
                StringBuilder csv = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
                for (int d = 0; d < SAMPLES_PER_TRACE; d++) {
                    csv.append(t0.plusSeconds(trace * 600L)).append(',').append(d).append(",40.0,15.0\n");
                }
                var r = api.postBytes("/api/v1/projects/" + project + "/ingest/traces?cable=T-1", "text/csv", csv.toString().getBytes());
                assertThat(r.status()).as(r.toString()).isEqualTo(202);
                accepted += SAMPLES_PER_TRACE;
            }
            assertThat(batchesIn(spool)).as("InfluxDB is away: every batch waits in A's spool").isEqualTo(TRACES);

            assertThatThrownBy(() -> RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + spool)).close())
                    .as("a second live instance on A's folder").rootCause()
                    .hasMessageContaining("spool folder " + spool.toAbsolutePath()).hasMessageContaining("in use by another live instance")
                    .hasMessageContaining("pid " + a.pid());

            String volume = Files.readString(spool.resolve("volume-id")).trim();
            long bytesOnDisk = bytesIn(spool);
            try (RunningService observer = RunningService.start(RunningService.sharedServers("--goafwatch.spool.stale-after=3s"))) {
                HttpApi c = observer.api();
                String row = "$.instances[?(@.volumeId == '" + volume + "')]";
                await("A's status published", () -> c.get("/api/v1/ingest/status").<List<Object>>json(row).size() == 1
                        && ((Number) c.get("/api/v1/ingest/status").<List<Object>>json(row + ".pendingBatches").get(0)).intValue() == TRACES);
                var live = c.get("/api/v1/ingest/status");
                assertThat(live.<List<Object>>json(row + ".state")).containsExactly("live");
                assertThat(live.<List<Object>>json(row + ".pendingSamples")).containsExactly(accepted);
                assertThat(live.<List<Number>>json(row + ".pendingBytes").get(0).longValue()).isEqualTo(bytesOnDisk);
                assertThat(live.<List<Object>>json(row + ".spoolDir")).containsExactly(spool.toAbsolutePath().toString());
                assertThat(live.<List<Object>>json(row + ".holder")).containsExactly("pid " + a.pid() + " on " + host());
                assertThat(live.<Number>json("$.pendingSamples").longValue()).as("A's samples are in the cluster's total")
                        .isGreaterThanOrEqualTo(accepted);
                assertThat(live.<Number>json("$.quotaBytes").longValue()).as("A's quota (2GB default) and the observer's, summed")
                        .isGreaterThanOrEqualTo(2L * 2 * 1024 * 1024 * 1024);

                a.destroyForcibly(); // SIGKILL: the OS releases A's lock, nothing is flushed or drained
                assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();

                await("A reported stale", () -> c.get("/api/v1/ingest/status").<List<Object>>json(row + ".state").contains("stale"));
                var stale = c.get("/api/v1/ingest/status");
                assertThat(stale.<List<Object>>json(row + ".pendingBatches")).containsExactly(TRACES);
                assertThat(stale.<List<String>>json(row + ".note").get(0)).contains(TRACES + " batch(es) wait in " + spool.toAbsolutePath())
                        .contains("start an instance on that volume");
                assertThat(stale.<Number>json("$.undrainedBatches").intValue()).isGreaterThanOrEqualTo(TRACES);
            }
        } finally {
            a.destroyForcibly();
        }
        assertThat(batchesIn(spool)).as("A died with its batches in the spool").isEqualTo(TRACES);
        assertThat(TestInflux.get().count(influxDb, "strain_ue", "fiber_strain", "")).isZero();

        String[] onTheRealInflux = Arrays.copyOf(database, database.length + 1);
        onTheRealInflux[database.length] = "--goafwatch.influx.url=" + TestInflux.get().url();
        try (RunningService b = RunningService.start(onTheRealInflux)) {
            await("B drained A's spool", () -> batchesIn(spool) == 0);
            var status = b.api().get("/api/v1/ingest/status");
            assertThat((String) status.json("$.instance")).as("B took over A's volume, and its status row")
                    .isEqualTo(Files.readString(spool.resolve("volume-id")).trim());
            assertThat(TestInflux.get().count(influxDb, "strain_ue", "fiber_strain", "cable = '" + cableId + "'"))
                    .as("exactly the samples A accepted").isEqualTo(accepted);
        }
    }

    private static Process startA(String[] database, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", classpath, GoafWatchApplication.class.getName(),
                "--server.port=" + port, "--goafwatch.influx.url=http://127.0.0.1:9", "--goafwatch.influx.connect-timeout=200ms",
                "--goafwatch.evaluation.interval=0", "--goafwatch.evaluation.on-ingest=false"));
        command.addAll(Arrays.asList(TestUsers.withContextArguments(database)));
        Files.createDirectories(LOG.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
    }

    private static long batchesIn(Path spool) {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{16}\\.lp")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long bytesIn(Path spool) {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{16}\\.lp")).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static boolean answers(HttpApi api) {
        try {
            return api.get("/api/v1/ingest/status").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int freePort() {
        return com.goafwatch.support.Ports.free();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 300 s: " + what + " (A's log: " + LOG + ")");
            }
            Thread.sleep(200);
        }
    }
}
