package com.goafwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * README command 1 run a second time on the same PostgreSQL database with an empty InfluxDB (another clone's
 * .local/influxdb, or lost data): the site, its rules and their states are there, the measurements are not until the
 * feed has written its history again. The automatic schedule runs for real (first cycle 1 s after start, then every
 * 5 s) and must not call the fed sensors silent: no no-data alert is raised during the second run, and none is open
 * once the history is in and the feed is live.
 */
class DemoReRunTest {

    @TempDir
    Path dirs;

    @Test
    void aSecondRunOnTheSameDatabaseWithAnEmptyInfluxDbRaisesNoNoDataAlert() throws Exception {
        String database = TestPostgres.createDatabase("demorerun");
        String first = "demo_first_" + ProcessHandle.current().pid();
        String second = "demo_second_" + ProcessHandle.current().pid();
        try (RunningService app = demo(database, first, dirs.resolve("spool1"))) {
            JdbcClient jdbc = jdbc(app);
            long project = jdbc.sql("SELECT id FROM project WHERE code = 'RENCHENG-DEMO'").query(Long.class).single();
            // the first run goes as far as evaluating the live site
            awaitCycleAfterLive(jdbc, project, first, Instant.now());
        }
        Instant secondStart = Instant.now();
        try (RunningService app = demo(database, second, dirs.resolve("spool2"))) {
            JdbcClient jdbc = jdbc(app);
            long project = jdbc.sql("SELECT id FROM project WHERE code = 'RENCHENG-DEMO'").query(Long.class).single();
            Instant cycle = awaitCycleAfterLive(jdbc, project, second, secondStart);
            assertThat(cycle).isAfter(secondStart);
            assertThat(jdbc.sql("SELECT count(*) FROM rule_state WHERE project_id = ? AND NOT no_data").param(project).query(Long.class).single())
                    .as("the site was judged on its data").isGreaterThan(0);
            List<Map<String, Object>> raised = jdbc.sql("""
                    SELECT evidence->'sensor'->>'code' AS sensor, raised_at FROM alert
                    WHERE project_id = ? AND kind = 'no_data' AND raised_at >= ?""").params(project, Timestamp.from(secondStart))
                    .query().listOfRows();
            assertThat(raised).as("no-data alerts raised during the second run").isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE project_id = ? AND kind = 'no_data' AND state <> 'cleared'")
                    .param(project).query(Long.class).single()).as("open no-data alerts").isZero();
        }
    }

    private RunningService demo(String database, String influxDb, Path spool) {
        return RunningService.start("--spring.profiles.active=demo", "--spring.datasource.url=" + TestPostgres.jdbcUrl(database),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=" + influxDb, "--goafwatch.spool.dir=" + spool, "--goafwatch.demo-feed.backfill-spacing=20",
                "--goafwatch.demo-feed.live-interval=2s", "--goafwatch.evaluation.first-cycle-after=1s",
                "--goafwatch.evaluation.interval=5s");
    }

    private static JdbcClient jdbc(RunningService app) {
        return JdbcClient.create(app.context().getBean(javax.sql.DataSource.class));
    }

    /** Waits for live traces in InfluxDB (the history is in before the feed goes live), then for a scheduled cycle after them. */
    private static Instant awaitCycleAfterLive(JdbcClient jdbc, long project, String influxDb, Instant since) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 400_000;
        while (System.currentTimeMillis() < deadline && TestInflux.get().count(influxDb, "max_ue", "fiber_trace_stats",
                "time > " + since.toEpochMilli() + "ms") == 0) {
            Thread.sleep(500);
        }
        Instant live = Instant.now();
        while (System.currentTimeMillis() < deadline) {
            Instant at = jdbc.sql("SELECT scheduled_at FROM evaluation_report WHERE project_id = ? AND scheduled_at IS NOT NULL").param(project).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
            if (at != null && at.isAfter(live)) {
                return at;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no scheduled evaluation after the live traces of " + influxDb + " began");
    }
}
