package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;

/**
 * The benchmarks' 500-parcel site (50 × 10 squares of 100 m) crossed by 50 cables of 1 km — 50 km of fiber —
 * sampled every metre, with hourly traces over a day (25 traces, 1.25 M samples) through the line-protocol ingestion: background
 * noise of 20 µε, and a subsidence bump growing by 10 µε an hour on every tenth cable.
 *
 * @param end the last trace's time
 */
record BenchSite(long projectId, long[] cables, Instant end, long samples) {

    static final int ROWS = 50;
    static final int COLUMNS = 10;
    static final double SIDE = 100;

    /** @param drained waits until every accepted batch is in InfluxDB */
    static BenchSite create(Fixtures fixtures, HttpApi api, Runnable drained) {
        long projectId = fixtures.project(Fixtures.uniqueCode("BENCH"));
        fixtures.phase(projectId, 1);
        List<String> features = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                features.add(Fixtures.feature("P" + r + "-" + c, 1, "Polygon", Fixtures.square(Fixtures.E0 + c * SIDE, Fixtures.N0 + r * SIDE, SIDE)));
            }
        }
        var imported = fixtures.importGeoJson(projectId, "?crs=EPSG:4548", Fixtures.collection(features.toArray(String[]::new)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        long[] cables = new long[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double n = Fixtures.N0 + r * SIDE + SIDE / 2;
            cables[r] = fixtures.trenchCable(projectId, "C" + r, Fixtures.E0, n, Fixtures.E0 + COLUMNS * SIDE, n, COLUMNS * SIDE);
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long written = writeDay(api, projectId, cables, end);
        drained.run();
        return new BenchSite(projectId, cables, end, written);
    }

    private static long writeDay(HttpApi api, long projectId, long[] cables, Instant end) {
        Random random = new Random(42);
        long written = 0;
        // 25 traces: a day back from the newest, so the strain-rate rule's traces span its one-day window (with 24 the
        // history would span 23 h, less than the window and the cables' 1-day interval: no rate, no rate reads to time)
        for (int h = 24; h >= 0; h--) {
            long ns = end.minus(h, ChronoUnit.HOURS).toEpochMilli() * 1_000_000L;
            for (int r = 0; r < cables.length; r++) {
                StringBuilder lp = new StringBuilder(1 << 17);
                for (int d = 0; d < COLUMNS * SIDE; d++) {
                    double strain = random.nextGaussian() * 20 + (r % 10 == 0 ? Math.exp(-Math.pow((d - 450) / 30.0, 2)) * (600 + 10 * (24 - h)) : 0);
                    lp.append(String.format(Locale.ROOT, "fiber_strain,cable=C%d distance_m=%d,strain_ue=%.2f,temperature_c=15 %d%n", r, d,
                            strain, ns));
                    written++;
                }
                var response = api.postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                        lp.toString().getBytes(StandardCharsets.UTF_8));
                assertThat(response.status()).as(response.toString()).isEqualTo(202);
            }
        }
        return written;
    }
}
