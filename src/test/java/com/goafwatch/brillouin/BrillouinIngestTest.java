package com.goafwatch.brillouin;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;
import com.jayway.jsonpath.JsonPath;

/**
 * Brillouin shifts end to end with the synthetic samples of gis-data/instruments: coefficients and a reference
 * trace stored as history, the trace converted into compensated strain and stored in {@code fiber_strain} and
 * the per-trace rollups with its raw shifts, checked against strain computed here by hand from the files'
 * numbers; bad units and impossible shifts refused with the row, nothing stored.
 * Site: parcel A (E0..E0+100), trench cable T-B1 from E0−10 along N0+50, 60 m of fiber (A from fiber 10 m on).
 */
class BrillouinIngestTest extends IntegrationTest {

    private static final Path SAMPLES = Path.of("gis-data/instruments");
    private static final double C_EPS = 0.05;
    private static final double C_T = 1.0;
    private static final double C_T_REF = 1.0;

    private long projectId;
    private long parcelA;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("BRI"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("A", 1, "Polygon", Fixtures.square(E0, N0, 100)))).status()).isEqualTo(200);
        parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'A'").param(projectId).query(Long.class).single();
    }

    private long cable(String code, String compensation) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "%s", "installation": "trench", "fiberLengthM": 60, "couplingCoefficient": 0.4,
                 "compensation": "%s", "baselineTemperatureC": 15.0},
                 "geometry": {"type": "LineString", "coordinates": [[%.3f, %.3f], [%.3f, %.3f]]}}""",
                code, compensation, E0 - 10, N0 + 50, E0 + 50, N0 + 50));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private HttpApi.Response coefficients(long cable, String json) {
        return api().postJson("/api/v1/cables/" + cable + "/brillouin/coefficients", json);
    }

    private HttpApi.Response reference(long cable, byte[] csv) {
        return api().postBytes("/api/v1/cables/" + cable + "/brillouin/references", "text/csv", csv);
    }

    private HttpApi.Response trace(String cable, String format, byte[] body) {
        return api().postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=" + cable + format, "text/csv", body);
    }

    /** distance → the numeric columns of a sample CSV (comment and header skipped). */
    private static Map<Double, double[]> rows(String file) throws IOException {
        Map<Double, double[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(SAMPLES.resolve(file))) {
            if (line.startsWith("#") || line.startsWith("timestamp")) {
                continue;
            }
            String[] c = line.split(",", -1);
            double[] v = new double[c.length - 1];
            for (int i = 1; i < c.length; i++) {
                v[i - 1] = c[i].isEmpty() ? Double.NaN : Double.parseDouble(c[i]);
            }
            rows.put(v[0], v);
        }
        return rows;
    }

    private static List<Object> point(long cable, double distance) {
        String body = TestInflux.get().query("goafwatch", "SELECT strain_ue, strain_raw_ue, shift_mhz, reference_shift_mhz, shift_delta_mhz, "
                + "temperature_c, parcel FROM fiber_strain WHERE cable = '" + cable + "' AND pos = '" + String.format(Locale.ROOT, "%.3f", distance)
                + "'");
        List<List<Object>> values = JsonPath.read(body, "$.results[0].series[0].values");
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static double num(List<Object> row, int i) {
        return ((Number) row.get(i)).doubleValue();
    }

    @Test
    void shiftsBecomeCompensatedStrainBesideTheRawShiftsAndReachTheRollups() throws IOException {
        long cable = cable("T-B1", "reference-fiber");
        var c = coefficients(cable, "{\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0, \"referenceTemperatureMhzPerC\": 1.0, "
                + "\"note\": \"factory sheet\"}");
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        var ref = reference(cable, Files.readAllBytes(SAMPLES.resolve("brillouin-reference-T-B1.csv")));
        assertThat(ref.status()).as(ref.toString()).isEqualTo(201);
        assertThat((Integer) ref.json("$.sampleCount")).isEqualTo(41);
        assertThat((String) ref.json("$.shiftKind")).isEqualTo("absolute");
        assertThat((String) ref.json("$.takenAt")).isEqualTo("2026-03-01T00:00:00Z");

        var r = trace("T-B1", "", Files.readAllBytes(SAMPLES.resolve("brillouin-trace-T-B1.csv")));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat((Integer) r.json("$.samples")).isEqualTo(41);
        assertThat((Integer) r.json("$.samplesInParcels")).isEqualTo(31);
        awaitDrained();

        // by hand, from the files: ε = ((ν − ν0) − C_T/C_T,ref · (ν_ref − ν_ref,0)) / C_ε
        Map<Double, double[]> reference = rows("brillouin-reference-T-B1.csv");
        Map<Double, double[]> measured = rows("brillouin-trace-T-B1.csv");
        for (double d : new double[] {5, 19, 20, 21, 40}) {
            double[] m = measured.get(d);
            double[] r0 = reference.get(d);
            double delta = m[1] - r0[1];
            double deltaRef = m[2] - r0[2];
            double strain = (delta - C_T / C_T_REF * deltaRef) / C_EPS;
            List<Object> p = point(cable, d);
            assertThat(num(p, 1)).as("strain at %s m", d).isCloseTo(strain, within(1e-3));
            assertThat(num(p, 2)).as("raw strain at %s m", d).isCloseTo(delta / C_EPS, within(1e-3));
            assertThat(num(p, 3)).isEqualTo(m[1]);
            assertThat(num(p, 4)).isEqualTo(m[2]);
            assertThat(num(p, 5)).isCloseTo(delta, within(1e-4));
            assertThat(num(p, 6)).as("temperature from the reference fiber: 15 °C + Δν_ref / C_T,ref").isCloseTo(15 + deltaRef / C_T_REF,
                    within(1e-9));
            assertThat(p.get(7)).isEqualTo(d < 10 ? "none" : String.valueOf(parcelA));
        }
        // the peak: 5 MHz of warming removed, 10 MHz of strain left: 200 µε; raw 300 µε
        assertThat(num(point(cable, 20), 1)).isCloseTo(200.0, within(1e-3));
        assertThat(num(point(cable, 20), 2)).isCloseTo(300.0, within(1e-3));

        String stats = TestInflux.get().query("goafwatch", "SELECT max_ue, min_ue, n FROM fiber_trace_stats WHERE cable = '" + cable
                + "' AND parcel = '" + parcelA + "'");
        List<List<Object>> s = JsonPath.read(stats, "$.results[0].series[0].values");
        assertThat(s).hasSize(1);
        assertThat(num(s.get(0), 1)).isCloseTo(200.0, within(1e-3));
        assertThat(num(s.get(0), 2)).isCloseTo(0.0, within(1e-3));
        assertThat(num(s.get(0), 3)).isEqualTo(31.0);
    }

    @Test
    void wrongUnitsAndImpossibleShiftsAreRefusedWithTheRowNamedAndNothingStored() throws IOException {
        long cable = cable("T-B2", "reference-fiber");
        assertThat(trace("T-B2", "", Files.readAllBytes(SAMPLES.resolve("brillouin-trace-T-B1.csv"))).json("$.type").toString())
                .endsWith("/missing-brillouin-coefficients");
        assertThat(coefficients(cable, "{\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0}").status()).isEqualTo(201);
        var noReference = trace("T-B2", "", Files.readAllBytes(SAMPLES.resolve("brillouin-trace-T-B1.csv")));
        assertThat(noReference.status()).isEqualTo(422);
        assertThat((String) noReference.json("$.errors[0].reason")).contains("need a reference trace");
        assertThat(reference(cable, Files.readAllBytes(SAMPLES.resolve("brillouin-reference-T-B1.csv"))).status()).isEqualTo(201);

        var ghzColumn = trace("T-B2", "", "timestamp,distance_m,shift_ghz,reference_shift_mhz\n2026-05-01T08:00:00+08:00,1,10.85,10850\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ghzColumn.status()).isEqualTo(422);
        assertThat((String) ghzColumn.json("$.errors[0].reason")).contains("wrong units").contains("shift_mhz");

        String bad = "timestamp,distance_m,shift_mhz,reference_shift_mhz\n"
                + "2026-05-01T08:00:00+08:00,1.0,10855.01,10850.00\n"      // line 2: fine
                + "2026-05-01T08:00:00+08:00,2.0,10.85502,10850.00\n"      // line 3: GHz in the MHz column
                + "2026-05-01T08:00:00+08:00,3.0,12500.00,10850.00\n"      // line 4: 1650 MHz off the reference
                + "2026-05-01T08:00:00+08:00,4.0,10855.04,\n"              // line 5: no reference-fiber shift
                + "2026-05-01T08:00:00+08:00,50.0,10855.50,10850.00\n";    // line 6: past the reference trace (0–40 m)
        var r = trace("T-B2", "&format=brillouin", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        List<Integer> lines = r.json("$.errors[*].line");
        assertThat(lines).containsExactly(3, 4, 5, 6);
        List<String> reasons = r.json("$.errors[*].reason");
        assertThat(reasons.get(0)).contains("not a Brillouin frequency shift").contains("GHz");
        assertThat(reasons.get(1)).contains("differs from the reference").contains("1650.0 MHz");
        assertThat(reasons.get(2)).contains("reference-fiber shift is required");
        assertThat(reasons.get(3)).contains("no reference");
        assertThat(TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + cable + "'")).isZero();
    }

    @Test
    void aTemperatureTraceCompensatesWhenTheCableSaysSo() {
        long cable = cable("T-B3", "temperature");
        assertThat(coefficients(cable, "{\"strainMhzPerUe\": 0.048, \"temperatureMhzPerC\": 1.07}").status()).isEqualTo(201);
        // reference without temperature: T0 is the cable's baseline 15 °C
        assertThat(reference(cable, ("timestamp,distance_m,shift_mhz\n2026-03-01T08:00:00+08:00,10,10851.00\n"
                + "2026-03-01T08:00:00+08:00,12,10853.00\n").getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        var r = trace("T-B3", "", ("timestamp,distance_m,shift_mhz,temperature_c\n2026-05-01T08:00:00+08:00,11,10870.00,22.5\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
        // ν0(11) interpolated = 10852.00; Δν = 18.00; ΔT = 7.5 °C; ε = (18 − 1.07 · 7.5) / 0.048 = 207.8125 µε
        List<Object> p = point(cable, 11);
        assertThat(num(p, 1)).isCloseTo(207.8125, within(1e-3));
        assertThat(num(p, 2)).isCloseTo(375.0, within(1e-3));
        assertThat(num(p, 6)).isEqualTo(22.5);
    }

    @Test
    void febusG1StrainFileIsReadPositionByPosition() throws IOException {
        long cable = cable("T-F1", "none");
        byte[] file = Files.readAllBytes(SAMPLES.resolve("febus-g1_C1_2026-05-01T00.00.00+0000.bsl"));
        var r = trace("T-F1", "", file);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat((Integer) r.json("$.samples")).isEqualTo(40);
        assertThat((String) r.json("$.firstTrace")).isEqualTo("2026-05-01T00:00:00Z");
        awaitDrained();
        // 40 values from fiberFrom 10 m every 0.5 m: the value at 10 + 0.5·i is 12.5·i − 100 µε
        assertThat(num(point(cable, 10), 1)).isEqualTo(-100.0);
        assertThat(num(point(cable, 29.5), 1)).isEqualTo(12.5 * 39 - 100);
        assertThat(TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + cable + "'")).isEqualTo(40);

        long compensated = cable("T-F2", "reference-fiber");
        var refused = trace("T-F2", "&format=febus", file);
        assertThat(refused.status()).isEqualTo(422);
        assertThat((String) refused.json("$.detail")).contains("Febus G1 strain file carries neither");
        String truncated = new String(file, StandardCharsets.UTF_8).lines().limit(30).reduce("", (a, b) -> a + b + "\n");
        var shortFile = trace("T-F1", "&format=febus", truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(shortFile.status()).isEqualTo(422);
        assertThat((String) shortFile.json("$.errors[0].reason")).contains("17 values").contains("give 40");
        assertThat(TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + compensated + "'")).isZero();
    }

    @Test
    void coefficientsAndReferencesAreAuditedAppendOnlyHistory() {
        long cable = cable("T-B4", "reference-fiber");
        var bad = coefficients(cable, "{\"strainMhzPerUe\": 50, \"temperatureMhzPerC\": \"1\"}");
        assertThat(bad.status()).isEqualTo(422);
        List<String> errors = bad.json("$.errors");
        assertThat(errors).anyMatch(e -> e.startsWith("strainMhzPerUe")).anyMatch(e -> e.startsWith("temperatureMhzPerC"));
        assertThat(coefficients(cable, "{\"strainMhzPerUe\": 0.050, \"temperatureMhzPerC\": 1.00}").status()).isEqualTo(201);
        assertThat(coefficients(cable, "{\"strainMhzPerUe\": 0.0497, \"temperatureMhzPerC\": 1.06, \"note\": \"lab calibration\"}")
                .status()).isEqualTo(201);
        var twoTraces = reference(cable, ("timestamp,distance_m,shift_mhz\n2026-03-01T08:00:00+08:00,1,10851\n"
                + "2026-03-02T08:00:00+08:00,2,10851\n").getBytes(StandardCharsets.UTF_8));
        assertThat(twoTraces.status()).isEqualTo(422);
        assertThat((String) twoTraces.json("$.errors[0].reason")).contains("one trace");

        var settings = api().get("/api/v1/cables/" + cable + "/brillouin");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(((Number) settings.json("$.coefficients.strainMhzPerUe")).doubleValue()).isEqualTo(0.0497);
        assertThat((List<Object>) settings.json("$.coefficientHistory")).hasSize(2);
        assertThat((Object) settings.json("$.reference")).isNull();
        long newest = ((Number) settings.json("$.coefficients.id")).longValue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_type = 'brillouin_coefficients' AND project_id = ? "
                + "AND actor = 'token:test-admin'").param(projectId).query(Long.class).single()).isEqualTo(2);
        assertThat(catchThrowable(() -> jdbc.sql("UPDATE brillouin_coefficients SET strain_mhz_per_ue = 0.06 WHERE id = ?").param(newest)
                .update())).hasStackTraceContaining("history");
        assertThat(catchThrowable(() -> jdbc.sql("DELETE FROM brillouin_coefficients WHERE id = ?").param(newest).update()))
                .hasStackTraceContaining("history");
        // the cable goes, its history with it
        assertThat(api().delete("/api/v1/cables/" + cable).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM brillouin_coefficients WHERE cable_id = ?").param(cable).query(Long.class).single()).isZero();
    }
}
