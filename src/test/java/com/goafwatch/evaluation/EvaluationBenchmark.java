package com.goafwatch.evaluation;

import static com.goafwatch.support.Stats.median;
import static com.goafwatch.support.Stats.min;
import static com.goafwatch.support.Stats.max;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/**
 * Not a unit test (excluded from the suite; run by scripts/bench-evaluation.sh): the 500-parcel {@link BenchSite}
 * (50 km of fiber at 1 m, hourly traces over a day, 25 traces, 1.25 M samples) in the real InfluxDB. Times full evaluation cycles
 * (three fiber rules) against the bare round trips of the same InfluxQL statements, alternating, in the same run.
 */
class EvaluationBenchmark extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    @Test
    void fullCycleVersusBareQueries() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 7);
        BenchSite site = BenchSite.create(fixtures(), api(), this::awaitDrained);
        long projectId = site.projectId();
        Instant end = site.end();
        long written = site.samples();
        for (String rule : List.of(
                "{\"name\": \"strain\", \"metric\": \"fiber_strain\", \"statistic\": \"max_abs\", \"windowSeconds\": 86400, \"unit\": \"ue\", \"yellow\": 1000, \"orange\": 1500, \"red\": 2000}",
                "{\"name\": \"strain rate\", \"metric\": \"fiber_strain_rate\", \"statistic\": \"max_abs\", \"windowSeconds\": 86400, \"unit\": \"ue/d\", \"yellow\": 300, \"red\": 600}",
                "{\"name\": \"cable temperature\", \"metric\": \"fiber_temperature\", \"statistic\": \"max\", \"windowSeconds\": 86400, \"unit\": \"degC\", \"red\": 60}")) {
            assertThat(api().postJson("/api/v1/projects/" + projectId + "/rules", rule).status()).isEqualTo(201);
        }
        Instant now = end.plusSeconds(1);
        CycleReport warm = evaluator.evaluate(projectId, null, now, "bench");
        assertThat(warm.dataSource()).isEqualTo("ok");
        List<List<String>> statements = evaluator.lastStatements(projectId);
        StringBuilder perStatement = new StringBuilder();
        for (List<String> trip : statements) {
            for (String st : trip) {
                double ms = bare(List.of(List.of(st)));
                perStatement.append(String.format(Locale.ROOT, "| %.0f | `%s` |%n", ms, st.length() > 160 ? st.substring(0, 160) + "…" : st));
            }
        }
        double[] cycle = new double[rounds];
        double[] bare = new double[rounds];
        double[] influxInCycle = new double[rounds];
        CycleReport last = warm;
        for (int i = 0; i < rounds; i++) {
            last = evaluator.evaluate(projectId, null, now, "bench");
            cycle[i] = last.totalMs();
            influxInCycle[i] = last.influxMs();
            bare[i] = bare(statements);
        }
        long flagged = jdbc.sql("SELECT count(DISTINCT parcel_id) FROM rule_state WHERE project_id = ? AND level IS NOT NULL")
                .param(projectId).query(Long.class).single();
        double c = median(cycle);
        double b = median(bare);
        String report = String.format(Locale.ROOT, """
                ## Threshold evaluation benchmark (%s)

                500 parcels, 50 km of fiber at 1 m, 25 hourly traces (%,d samples), 3 fiber rules; %d rounds, medians.
                %d statements in %d round trip(s); %d parcels flagged (evidence located for them).

                | measure | median ms | min ms | max ms |
                |---|---:|---:|---:|
                | full evaluation cycle (service) | %.0f | %.0f | %.0f |
                | of which waiting for InfluxDB | %.0f | %.0f | %.0f |
                | bare InfluxQL, same statements | %.0f | %.0f | %.0f |

                Service overhead over the bare queries: %.1f %% (goal < 25 %%); cycle %.2f s (goal < 5 s).

                Statements one by one (ms):

                | ms | statement |
                |---:|---|
                """, Instant.now(), written, rounds, statements.stream().mapToInt(List::size).sum(), statements.size(), flagged,
                c, min(cycle), max(cycle), median(influxInCycle), min(influxInCycle), max(influxInCycle), b, min(bare), max(bare),
                (c - b) / b * 100, c / 1000) + perStatement;
        System.out.println(report);
        Path out = Path.of("target", "bench", "evaluation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(last.parcels()).isEqualTo(BenchSite.ROWS * BenchSite.COLUMNS);
    }

    /** The cycle's statements sent as the service sends them (one POST per round trip), body read in full. */
    private static double bare(List<List<String>> roundTrips) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        for (List<String> statements : roundTrips) {
            String form = "q=" + URLEncoder.encode(String.join(";\n", statements), StandardCharsets.UTF_8);
            var response = http.send(HttpRequest.newBuilder(URI.create(TestInflux.get().url() + "/query?db=goafwatch&epoch=ms"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
