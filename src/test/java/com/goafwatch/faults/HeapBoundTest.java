package com.goafwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.goafwatch.GoafWatchApplication;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestUsers;

/**
 * The service in its own JVM with a 256 MB heap (as the benchmarks run it) against the shared test PostgreSQL and
 * InfluxDB: a 2 MB gzip that expands to one 2 GB line without a newline is refused with a 4xx problem after reading
 * a few MB, and the service goes on answering (before the fix it ran out of heap and answered a plain 500).
 */
class HeapBoundTest {

    private static final Path LOG = Path.of("target", "heap-bound-service.log");
    private static Process service;
    private static HttpApi api;

    @BeforeAll
    static void startWithASmallHeap() throws Exception {
        int port = com.goafwatch.support.Ports.free();
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classpath, GoafWatchApplication.class.getName(),
                "--server.port=" + port, "--goafwatch.spool.dir=" + Files.createTempDirectory("goafwatch-heap-spool"),
                "--goafwatch.evaluation.interval=0", "--goafwatch.evaluation.on-ingest=false"));
        command.addAll(Arrays.asList(TestUsers.withContextArguments(RunningService.sharedServers())));
        Files.createDirectories(LOG.getParent());
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        api = new HttpApi(port);
        long deadline = System.currentTimeMillis() + 300_000;
        while (!answers()) {
            assertThat(service.isAlive()).as("the service exited while starting; see " + LOG).isTrue();
            assertThat(System.currentTimeMillis()).as("the service did not start within 5 minutes; see " + LOG).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private static boolean answers() {
        try {
            return api.anonymous().get("/actuator/health").status() == 200;
        } catch (IllegalStateException e) {
            return false; // not listening yet
        }
    }

    /** One line of {@code bytes} '1' characters and no newline, gzipped (deflate squeezes it about 1,000 to 1). */
    private static byte[] endlessLineGzip(long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) '1');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                gzip.write(chunk);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aGzipOfOneEndlessLineIsRefusedAndTheServiceGoesOn() throws Exception {
        long project = new Fixtures(api).project(Fixtures.uniqueCode("HEAP"));
        new Fixtures(api).trenchCable(project, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
        byte[] bomb = endlessLineGzip(2L << 30);
        assertThat(bomb.length).as("the upload is about 2 MB").isBetween(1_500_000, 3_000_000);

        for (String format : List.of("csv", "odisi", "auto")) {
            var r = api.postBytes("/api/v1/projects/" + project + "/ingest/traces?cable=T-1&format=" + format, "text/csv", bomb);
            assertThat(r.status()).as(format + ": " + r).isEqualTo(413);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat((String) r.json("$.type")).endsWith("/line-too-long");
            assertThat((String) r.json("$.detail")).contains("line 1").contains("goafwatch.ingest.max-line-length");
        }

        assertThat(service.isAlive()).isTrue();
        assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(200);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        var ok = api.postBytes("/api/v1/projects/" + project + "/ingest/traces?cable=T-1", "text/csv",
                ("timestamp,distance_m,strain_ue,temperature_c\n" + t + ",1,10,15\n").getBytes());
        assertThat(ok.status()).as("the service still takes data: " + ok).isEqualTo(202);
    }
}
