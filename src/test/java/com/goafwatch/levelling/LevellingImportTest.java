package com.goafwatch.levelling;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;
import com.jayway.jsonpath.JsonPath;

/**
 * Levelling runs from the synthetic raw files of gis-data/instruments against real PostGIS and InfluxDB. The run
 * BM1 (35.0000 m) → SM-01 → TP1 → SM-02 → BM2 (35.1200 m) has height differences +0.1000, −0.3000, +0.2000,
 * +0.1212 m over 4 set-ups of 60, 50, 70 and 80 m (L = 0.26 km), so by hand: misclosure f = 35.1212 − 35.1200 =
 * +1.2 mm; second-order limit 4·√0.26 = 2.0396 mm; corrections −f·D/L: SM-01 (D = 60 m) −0.27692 mm →
 * 35.0997231 m, SM-02 (D = 180 m) −0.83077 mm → 34.9991692 m.
 */
class LevellingImportTest extends IntegrationTest {

    private static final Path SAMPLES = Path.of("gis-data/instruments");

    private long projectId;
    private long sm01;
    private long sm02;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("LEV"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("A", 1, "Polygon", Fixtures.square(E0, N0, 100)))).status()).isEqualTo(200);
        sm01 = marker("SM-01", 35.1050, 20);
        sm02 = marker("SM-02", 35.0000, 60);
        assertThat(api().postJson(benchmarks(), "{\"code\": \"BM1\", \"heightM\": 35.0, \"description\": \"county benchmark\"}").status())
                .isEqualTo(201);
        assertThat(api().postJson(benchmarks(), "{\"code\": \"BM2\", \"heightM\": 35.12}").status()).isEqualTo(201);
    }

    private String benchmarks() {
        return "/api/v1/projects/" + projectId + "/levelling/benchmarks";
    }

    private long marker(String code, double baseline, double e) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker", "baselineElevationM": %.4f},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", code, baseline, E0 + e, N0 + 50));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private HttpApi.Response run(String file, String query) throws IOException {
        return run(Files.readAllBytes(SAMPLES.resolve(file)), query);
    }

    private HttpApi.Response run(byte[] body, String query) {
        return api().postBytes("/api/v1/projects/" + projectId + "/levelling/runs?observer=Li%20Wei&instrument=DNA03%20%23331234"
                + "&observedAt=2026-05-01T09:00:00%2B08:00" + query, "text/plain", body);
    }

    private long settlementPoints() {
        return TestInflux.get().count("settlement_mm", "settlement", "sensor = '" + sm01 + "' OR sensor = '" + sm02 + "'");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"levelling-run-gsi16.gsi, gsi16", "levelling-run-gsi8.gsi, gsi8", "levelling-run-dini.dat, dini"})
    void aRunWithinTheSecondOrderLimitIsAdjustedAndStored(String file, String format) throws IOException {
        var r = run(file, "&order=second");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat((String) r.json("$.fileFormat")).isEqualTo(format);
        assertThat(((Number) r.json("$.misclosureMm")).doubleValue()).isCloseTo(1.2, within(1e-6));
        assertThat(((Number) r.json("$.toleranceMm")).doubleValue()).isCloseTo(4 * Math.sqrt(0.26), within(1e-9));
        assertThat(((Number) r.json("$.lengthKm")).doubleValue()).isCloseTo(0.26, within(1e-12));
        assertThat((Integer) r.json("$.setups")).isEqualTo(4);
        assertThat((String) r.json("$.toleranceRule")).contains("GB/T 12897-2006").contains("4√L");
        assertThat((String) r.json("$.observer")).isEqualTo("Li Wei");
        assertThat((String) r.json("$.instrument")).isEqualTo("DNA03 #331234");
        List<Map<String, Object>> points = r.json("$.points");
        assertThat(points).extracting(p -> p.get("pointCode")).containsExactly("BM1", "SM-01", "TP1", "SM-02", "BM2");
        assertThat(points).extracting(p -> p.get("kind")).containsExactly("benchmark", "marker", "turning", "marker", "benchmark");
        assertThat(height(points, 1)).isCloseTo(35.1000 - 1.2 * 60 / 260 / 1000, within(1e-9)).isCloseTo(35.0997231, within(1e-7));
        assertThat(height(points, 2)).isCloseTo(34.8000 - 1.2 * 110 / 260 / 1000, within(1e-9));
        assertThat(height(points, 3)).isCloseTo(34.9991692, within(1e-7));
        assertThat(height(points, 4)).isCloseTo(35.1200, within(1e-9));
        long runId = ((Number) r.json("$.id")).longValue();

        awaitDrained();
        String body = TestInflux.get().query("goafwatch", "SELECT elevation_m, settlement_mm, levelling_run FROM settlement WHERE sensor = '"
                + sm01 + "' AND levelling_run = " + runId);
        List<List<Object>> rows = JsonPath.read(body, "$.results[0].series[0].values");
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get(0)).longValue()).isEqualTo(java.time.Instant.parse("2026-05-01T01:00:00Z").toEpochMilli());
        assertThat(((Number) rows.get(0).get(1)).doubleValue()).isCloseTo(35.0997231, within(1e-7));
        assertThat(((Number) rows.get(0).get(2)).doubleValue()).isCloseTo((35.1050 - 35.0997231) * 1000, within(1e-4));
        assertThat(jdbc.sql("SELECT observer FROM levelling_run WHERE id = ?").param(runId).query(String.class).single()).isEqualTo("Li Wei");
        assertThat(api().get("/api/v1/levelling-runs/" + runId).status()).isEqualTo(200);
        assertThat((List<Object>) api().get("/api/v1/projects/" + projectId + "/levelling/runs").json("$.runs")).hasSize(1);
        // a run is a record: the database refuses to change it
        assertThat(catchThrowable(() -> jdbc.sql("UPDATE levelling_run SET observer = 'x' WHERE id = ?").param(runId).update()))
                .hasStackTraceContaining("records");
    }

    private static double height(List<Map<String, Object>> points, int i) {
        return ((Number) points.get(i).get("heightM")).doubleValue();
    }

    @Test
    void aRunOverTheLimitIsRefusedWithMisclosureAndToleranceAndNothingIsWritten() throws IOException {
        long runsBefore = count("levelling_run");
        var r = run("levelling-run-over-tolerance.gsi", "&order=second");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat((String) r.json("$.type")).endsWith("/levelling-misclosure");
        // Σh = 0.1260 m: f = 35.1260 − 35.1200 = +6.0 mm against ±4√0.26 = ±2.04 mm
        assertThat(((Number) r.json("$.misclosureMm")).doubleValue()).isCloseTo(6.0, within(1e-6));
        assertThat(((Number) r.json("$.toleranceMm")).doubleValue()).isCloseTo(2.04, within(0.001));
        assertThat((String) r.json("$.detail")).contains("6.00 mm").contains("±2.04 mm");
        awaitDrained();
        assertThat(count("levelling_run")).isEqualTo(runsBefore);
        assertThat(settlementPoints()).isZero();

        // third order allows 12√0.26 = 6.12 mm: accepted; spread by set-ups, SM-01 (1 of 4) gets −1.5 mm
        var third = run("levelling-run-over-tolerance.gsi", "&order=third&distribution=setups");
        assertThat(third.status()).as(third.toString()).isEqualTo(201);
        assertThat((String) third.json("$.toleranceRule")).contains("GB/T 12898-2009").contains("12√L");
        assertThat(((Number) third.json("$.points[1].correctionMm")).doubleValue()).isCloseTo(-1.5, within(1e-9));
        assertThat(((Number) third.json("$.points[1].heightM")).doubleValue()).isCloseTo(35.1000 - 0.0015, within(1e-9));
        assertThat(((Number) third.json("$.points[4].heightM")).doubleValue()).isCloseTo(35.1200, within(1e-9));
    }

    @Test
    void badFilesAreRefusedWithTheLineNamed() throws IOException {
        String gsi = Files.readString(SAMPLES.resolve("levelling-run-gsi16.gsi"));
        var feet = run(gsi.replaceFirst("331\\.\\.8", "331..1").getBytes(StandardCharsets.UTF_8), "");
        assertThat(feet.status()).isEqualTo(422);
        assertThat((String) feet.json("$.errors[0].reason")).contains("wrong units").contains("feet");
        assertThat((Integer) feet.json("$.errors[0].line")).isEqualTo(1);

        var broken = run(gsi.replaceFirst("(?m)^\\*110001\\+0000000000000TP1 (32\\S+ 331)", "*110001+0000000000000TP9 $1")
                .getBytes(StandardCharsets.UTF_8), "");
        assertThat(broken.status()).isEqualTo(422);
        assertThat((String) broken.json("$.errors[0].reason")).contains("starts on TP9").contains("ended on TP1");

        var unknown = run(gsi.replace("BM2", "BM7").getBytes(StandardCharsets.UTF_8), "");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat((String) unknown.json("$.detail")).contains("BM7").contains("not a benchmark");

        String dini = Files.readString(SAMPLES.resolve("levelling-run-dini.dat"));
        var diniFeet = run(dini.replaceFirst("1\\.40000 m   ", "1.40000 ft  ").getBytes(StandardCharsets.UTF_8), "&format=dini");
        assertThat(diniFeet.status()).isEqualTo(422);
        assertThat((Integer) diniFeet.json("$.errors[0].line")).isEqualTo(4);
        assertThat(run("levelling-run-gsi16.gsi", "&order=zeroth").status()).isEqualTo(400);
        assertThat(api().postBytes("/api/v1/projects/" + projectId + "/levelling/runs?observer=x&instrument=y&observedAt=yesterday",
                "text/plain", gsi.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(api().postJson(benchmarks(), "{\"code\": \"BM1\", \"heightM\": 1}").status()).isEqualTo(409);
        assertThat(api().postJson(benchmarks(), "{\"code\": \"bad code\", \"heightM\": \"high\"}").status()).isEqualTo(422);
        awaitDrained();
        assertThat(settlementPoints()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM levelling_run WHERE project_id = ?").param(projectId).query(Long.class).single()).isZero();
    }
}
