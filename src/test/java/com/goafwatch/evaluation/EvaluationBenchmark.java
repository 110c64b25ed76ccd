package com.goafwatch.evaluation;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/**
 * Not a unit test (excluded from the suite; run by scripts/bench-evaluation.sh): 500 parcels (50 × 10
 * squares of 100 m) crossed by 50 cables of 1 km — 50 km of fiber — sampled every metre, hourly traces over
 * a day (25 traces, 1.25 M samples) in the real InfluxDB. Times full evaluation cycles (three fiber rules) against the
 * bare round trips of the same InfluxQL statements, alternating, in the same run.
 */
class EvaluationBenchmark extends IntegrationTest {

    private static final int ROWS = 50;
    private static final int COLUMNS = 10;
    private static final double SIDE = 100;

    @Autowired
    Evaluator evaluator;

    @Test
    void fullCycleVersusBareQueries() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 7);
        long projectId = fixtures().project(Fixtures.uniqueCode("BENCH"));
        fixtures().phase(projectId, 1);
        List<String> features = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                features.add(Fixtures.feature("P" + r + "-" + c, 1, "Polygon", Fixtures.square(Fixtures.E0 + c * SIDE, Fixtures.N0 + r * SIDE, SIDE)));
            }
        }
        var imported = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", Fixtures.collection(features.toArray(String[]::new)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        long[] cables = new long[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double n = Fixtures.N0 + r * SIDE + SIDE / 2;
            cables[r] = fixtures().trenchCable(projectId, "C" + r, Fixtures.E0, n, Fixtures.E0 + COLUMNS * SIDE, n, COLUMNS * SIDE);
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long written = writeDay(projectId, cables, end);
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
        assertThat(last.parcels()).isEqualTo(ROWS * COLUMNS);
    }

    /** A day of hourly traces (both ends included) on every cable, through the line-protocol ingestion (the setup, not what is measured). */
    private long writeDay(long projectId, long[] cables, Instant end) throws Exception {
        Random random = new Random(42);
        long written = 0;
        // 25 traces: a day back from the newest, so the strain-rate rule's traces span its one-day window (with 24 the
        // history would span 23 h, less than the window and the cables' 1-day interval: no rate, no rate reads to time)
        for (int h = 24; h >= 0; h--) {
            long ns = end.minus(h, ChronoUnit.HOURS).toEpochMilli() * 1_000_000L;
            for (int r = 0; r < cables.length; r++) {
                StringBuilder lp = new StringBuilder(1 << 17);
                for (int d = 0; d < COLUMNS * SIDE; d++) {
                    // background noise, and a growing subsidence bump on every tenth cable
                    double strain = random.nextGaussian() * 20 + (r % 10 == 0 ? Math.exp(-Math.pow((d - 450) / 30.0, 2)) * (600 + 10 * (24 - h)) : 0);
                    lp.append(String.format(Locale.ROOT, "fiber_strain,cable=C%d distance_m=%d,strain_ue=%.2f,temperature_c=15 %d%n", r, d,
                            strain, ns));
                    written++;
                }
                var response = api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                        lp.toString().getBytes(StandardCharsets.UTF_8));
                assertThat(response.status()).as(response.toString()).isEqualTo(202);
            }
        }
        awaitDrained();
        return written;
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

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
