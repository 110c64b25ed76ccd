package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.GoafWatchApplication;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.goafwatch.support.TestUsers;

/**
 * Two instances on their own database: A in this JVM, B in a JVM of its own evaluating every second. B is
 * killed (SIGKILL) while PostgreSQL shows it holding the project's cycle lock. The lock goes with B's
 * sessions, A's next cycle runs at once instead of giving way, and the alerts are those of one instance: one
 * "raised", nothing half-written, nothing raised twice.
 */
class EvaluationKillTest {

    private static final Path LOG = Path.of("target", "evaluation-kill-service.log");
    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
             "yellow": 400, "red": 800, "noDataAfterSeconds": 86400, "spikeFilter": false}""";

    @Test
    void anInstanceKilledMidCycleFreesTheProjectAndLeavesOneAlert() throws Exception {
        String database = TestPostgres.createDatabase("kill");
        String[] servers = {"--spring.datasource.url=" + TestPostgres.jdbcUrl(database), "--spring.datasource.username=" + TestPostgres.user(),
                "--goafwatch.influx.url=" + TestInflux.get().url(), "--goafwatch.influx.database=kill_" + database.substring(database.length() - 5)};
        try (RunningService a = RunningService.start(with(servers, "--goafwatch.spool.dir=" + Files.createTempDirectory("goafwatch-a-spool")))) {
            JdbcClient jdbc = a.context().getBean(JdbcClient.class);
            EvaluationSite site = new EvaluationSite(a.api(), new Fixtures(a.api()), jdbc, "KILL");
            site.cable();
            site.rule(RULE);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            StringBuilder traces = new StringBuilder();
            for (int minutesAgo = 40; minutesAgo >= 10; minutesAgo -= 10) {
                traces.append(site.trace(now.minus(minutesAgo, ChronoUnit.MINUTES), 100, 500)); // yellow, every trace
            }
            site.send(traces.toString());
            await("A's spool drained", 50, () -> ((Number) a.api().get("/api/v1/ingest/status").json("$.pendingBatches")).intValue() == 0);

            Process b = startB(servers);
            try {
                await("B evaluated the project once", 200, () -> jdbc.sql("SELECT count(*) FROM evaluation_report WHERE project_id = ?")
                        .param(site.projectId).query(Long.class).single() > 0);
                await("B holds the project's cycle lock", 2, () -> cycleLockHolders(jdbc, site.projectId) > 0);
                b.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback sent
                assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                b.destroyForcibly();
            }
            await("B's sessions and their lock are gone", 50, () -> cycleLockHolders(jdbc, site.projectId) == 0);

            Evaluator evaluator = a.context().getBean(Evaluator.class);
            CycleReport r = evaluator.evaluate(site.projectId, null, Instant.now(), "ingest");
            assertThat(r.dataSource()).as("A does not give way to a dead holder: " + r).isEqualTo("ok");
            List<String> events = jdbc.sql("""
                    SELECT e.kind FROM alert_event e JOIN alert al ON al.id = e.alert_id
                    WHERE al.project_id = ? AND al.kind = 'threshold' ORDER BY e.id""").param(site.projectId).query(String.class).list();
            assertThat(events).as("one transition, one alert, once").containsExactly("raised");
            assertThat((String) a.api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.flags[0].level")).isEqualTo("yellow");
            assertThat(r.transitions()).as("B's committed cycles are where A continues from, or A raises if B had none").isBetween(0, 2);
        }
    }

    /** Backends holding the project's evaluation lock ({@code pg_try_advisory_xact_lock(2, project)}). */
    private static long cycleLockHolders(JdbcClient jdbc, long projectId) {
        return jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = 2 AND objid::bigint = ? AND objsubid = 2")
                .param(projectId).query(Long.class).single();
    }

    private static Process startB(String[] servers) throws Exception {
        int port = com.goafwatch.support.Ports.free();
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", classpath, GoafWatchApplication.class.getName(),
                "--server.port=" + port, "--goafwatch.spool.dir=" + Files.createTempDirectory("goafwatch-b-spool"),
                "--goafwatch.evaluation.interval=1s", "--goafwatch.evaluation.first-cycle-after=0s", "--goafwatch.evaluation.on-ingest=false"));
        command.addAll(Arrays.asList(TestUsers.withContextArguments(servers)));
        Files.createDirectories(LOG.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void await(String what, long pollMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 300 s: " + what + " (B's log: " + LOG + ")");
            }
            Thread.sleep(pollMillis);
        }
    }
}
