package com.goafwatch.evaluation;

import static com.goafwatch.support.Stats.median;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.goafwatch.support.TestUsers;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.RuleService;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.InfluxClient;

/**
 * Not a unit test (excluded from the suite; run by scripts/bench-backtest.sh): how long an engineer waits for a rule
 * backtest in the editor. One service, in the demo profile on its own database: (1) the sample site with the history
 * the demo feed writes (270 days of daily traces of 8 cables at 5 m, half-monthly levelling), backtest of its class I
 * strain rule over 1 and 7 days; (2) the evaluation benchmark's 500-parcel {@link BenchSite} (a day of hourly
 * traces, 50 km of fiber at 1 m), a class I strain rule over that day. Cycles every 5 min (the scheduler's default).
 * Each backtest runs with the rollup history read once and sliced per cycle (the default) and, as the baseline in the
 * same run, with one InfluxDB request per cycle (as the scheduler's own cycles read), alternating.
 */
class BacktestBenchmark {

    private static final String STRAIN = """
            {"name": "class I strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 86400, "unit": "ue",
             "yellow": 1000, "orange": 1500, "red": 2000}""";

    @TempDir
    Path spool;

    @Test
    void interactiveTimings() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 1);
        String database = TestPostgres.createDatabase("backtest");
        String influxDb = "backtest_" + ProcessHandle.current().pid();
        try (RunningService app = RunningService.start("--spring.profiles.active=demo", "--spring.datasource.url=" + TestPostgres.jdbcUrl(database),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=" + influxDb, "--goafwatch.spool.dir=" + spool, "--goafwatch.demo-feed.live-interval=1h",
                "--goafwatch.evaluation.interval=0", "--goafwatch.evaluation.on-ingest=false")) {
            HttpApi api = app.api().as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
            JdbcClient jdbc = JdbcClient.create(app.context().getBean(javax.sql.DataSource.class));
            long sample = jdbc.sql("SELECT id FROM project WHERE code = 'RENCHENG-DEMO'").query(Long.class).single();
            awaitHistory(api, influxDb);
            ThresholdRule classI = jdbc.sql("SELECT id FROM threshold_rule WHERE project_id = ? AND metric = 'fiber_strain' "
                    + "AND statistic = 'max_abs' ORDER BY id LIMIT 1").param(sample).query(Long.class).optional()
                    .flatMap(id -> app.context().getBean(RuleRepository.class).findById(id)).orElseThrow();

            RuleBacktest batched = backtest(app, 1, true);
            RuleBacktest single = backtest(app, 1, false);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            StringBuilder table = new StringBuilder();
            for (int days : new int[] {1, 7}) {
                table.append(row("sample site (27 parcels, 8 cables), class I strain, " + days + " d", rounds,
                        () -> batched.run(sample, classI, days, now), () -> single.run(sample, classI, days, now)));
            }
            BenchSite big = BenchSite.create(new Fixtures(api), api, () -> awaitDrained(api));
            ThresholdRule bigRule = app.context().getBean(RuleService.class).draft(big.projectId(), 0,
                    new tools.jackson.databind.json.JsonMapper().readValue(STRAIN, com.goafwatch.threshold.RuleRequest.class));
            Instant bigEnd = big.end().plusSeconds(1);
            table.append(row("500 parcels, 50 km of fiber, class I strain, 1 d", rounds,
                    () -> batched.run(big.projectId(), bigRule, 1, bigEnd), () -> single.run(big.projectId(), bigRule, 1, bigEnd)));
            String report = String.format(Locale.ROOT, """
                    ## Rule backtest benchmark (%s)

                    Cycles every 300 s; %d rounds alternating, medians. One request per cycle (as a scheduled cycle reads; the
                    backtest before the history read) against the rollup history read once and sliced per cycle (the default);
                    both give the same alerts and transitions (asserted).

                    | backtest | cycles | alerts | one request per cycle s | history read once s | ms per cycle (history read once) |
                    |---|---:|---:|---:|---:|---:|
                    """, Instant.now(), rounds) + table;
            System.out.println(report);
            Path out = Path.of("target", "bench", "backtest.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private static RuleBacktest backtest(RunningService app, int perTrip, boolean readHistoryOnce) {
        var c = app.context();
        return new RuleBacktest(c.getBean(Evaluator.class), c.getBean(LayoutReader.class), c.getBean(RuleRepository.class),
                JdbcClient.create(c.getBean(javax.sql.DataSource.class)), c.getBean(InfluxClient.class), c.getBean(EvaluationProperties.class),
                new BacktestProperties(90, 20_000, Duration.ofMinutes(5), perTrip), readHistoryOnce);
    }

    private interface Run {
        BacktestDocument run();
    }

    private static String row(String label, int rounds, Run batched, Run single) {
        double[] b = new double[rounds];
        double[] s = new double[rounds];
        BacktestDocument last = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            last = batched.run();
            b[i] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            BacktestDocument baseline = single.run();
            s[i] = (System.nanoTime() - t0) / 1e9;
            assertThat(baseline.alerts()).isEqualTo(last.alerts());
            assertThat(baseline.transitions()).isEqualTo(last.transitions());
        }
        double mb = median(b);
        String line = String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f |%n", label, last.cycles(), last.alerts().size(), median(s), mb,
                mb * 1000 / last.cycles());
        return line;
    }

    /** The demo feed's history is in: it went live (a trace after start-up) and the spool is empty. */
    private static void awaitHistory(HttpApi api, String influxDb) throws InterruptedException {
        Instant started = Instant.now();
        long deadline = System.currentTimeMillis() + 1_800_000;
        while (System.currentTimeMillis() < deadline) {
            long live = TestInflux.get().count(influxDb, "max_ue", "fiber_trace_stats", "time > " + started.toEpochMilli() + "ms");
            if (live > 0 && ((Number) api.get("/api/v1/ingest/status").json("$.pendingBatches")).intValue() == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the demo history did not reach InfluxDB in 30 min");
    }

    private static void awaitDrained(HttpApi api) {
        long deadline = System.currentTimeMillis() + 600_000;
        while (((Number) api.get("/api/v1/ingest/status").json("$.pendingBatches")).intValue() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("spool not drained in 10 min");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
