package com.goafwatch.ingest;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestDirs;
import com.goafwatch.support.TestInflux;

/**
 * Trace files end to end: upload → spool → InfluxDB, then the points read back straight from InfluxDB.
 * Site: parcels A (chainage 50-150) and B (150-250) along the 300 m trench T-1 (temperature-compensated,
 * baseline 15 °C, 20 µε/°C), and an uncompensated 300 m trench O-1 for ODiSI data.
 */
class TraceIngestTest extends IntegrationTest {

    private long projectId;
    private long cableId;
    private long parcelA;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("ING"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("A", 1, "Polygon", square(E0, N0, 100)), feature("B", 1, "Polygon", square(E0 + 100, N0, 100)))).status())
                .isEqualTo(200);
        parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'A'").param(projectId).query(Long.class).single();
        cableId = fixtures().trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 400);
    }

    /** Two traces, distance 0..300 m every 1 m, raw strain 100 + d/10 µε at 17 °C. */
    private String csv(Instant... traces) {
        StringBuilder b = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        for (Instant t : traces) {
            for (int d = 0; d <= 300; d++) {
                b.append(t).append(',').append(d).append(".0,").append(String.format(Locale.ROOT, "%.1f", 100 + d / 10.0)).append(",17.0\n");
            }
        }
        return b.toString();
    }

    private HttpApi.Response upload(String cable, String query, String contentType, byte[] body) {
        return api().postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=" + cable + query, contentType, body);
    }

    private long influxCount(String where) {
        return TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + cableId + "'" + where);
    }

    @Test
    void csvTracesArriveInInfluxPlacedAndCompensated() {
        var r = upload("T-1", "", "text/csv", csv(t0, t0.plusSeconds(600)).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat((Integer) r.json("$.traces")).isEqualTo(2);
        assertThat((Integer) r.json("$.samples")).isEqualTo(602);
        awaitDrained();

        assertThat(influxCount("")).isEqualTo(602);
        assertThat(influxCount(" AND parcel = '" + parcelA + "'")).isEqualTo(200);
        assertThat(influxCount(" AND parcel = 'none'")).isEqualTo(202);
        String body = TestInflux.get().query("goafwatch", "SELECT strain_ue, strain_raw_ue, temperature_c, chainage_m FROM fiber_strain "
                + "WHERE cable = '" + cableId + "' AND pos = '120.000' AND time = " + t0.toEpochMilli() + "ms");
        List<List<Object>> values = com.jayway.jsonpath.JsonPath.read(body, "$.results[0].series[0].values");
        assertThat(values).hasSize(1);
        assertThat(((Number) values.get(0).get(1)).doubleValue()).isCloseTo(112.0 - 20 * (17 - 15), within(1e-9));
        assertThat(((Number) values.get(0).get(2)).doubleValue()).isCloseTo(112.0, within(1e-9));
        assertThat(((Number) values.get(0).get(4)).doubleValue()).isCloseTo(120.0, within(1e-9));

        // the same upload again: same points, no duplicates
        assertThat(upload("T-1", "", "text/csv", csv(t0, t0.plusSeconds(600)).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(202);
        awaitDrained();
        assertThat(influxCount("")).isEqualTo(602);
    }

    @Test
    void gzippedCsvIsAccepted() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(csv(t0.plusSeconds(1200)).getBytes(StandardCharsets.UTF_8));
        }
        var r = upload("T-1", "&format=csv", "application/gzip", bytes.toByteArray());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
        assertThat(influxCount(" AND time = " + t0.plusSeconds(1200).toEpochMilli() + "ms")).isEqualTo(301);
    }

    @Test
    void samplesOutsideTheCalibrationAreKeptAsUnmapped() {
        assertThat(api().putJson("/api/v1/cables/" + cableId + "/calibration",
                "{\"points\": [{\"fiberDistanceM\": 20, \"chainageM\": 0}, {\"fiberDistanceM\": 300, \"chainageM\": 280}]}").status())
                .isEqualTo(200);
        var r = upload("T-1", "", "text/csv", csv(t0.plusSeconds(1800)).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(202);
        assertThat((Integer) r.json("$.unmappedSamples")).isEqualTo(20);
        awaitDrained();
        assertThat(influxCount(" AND parcel = 'unmapped'")).isEqualTo(20);
        // chainage 50-150 (parcel A) is now fiber 70-170
        assertThat(influxCount(" AND parcel = '" + parcelA + "'")).isEqualTo(100);
    }

    @Test
    void odisiTsvIsReadGaugeByGauge() {
        var cable = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "O-1", "installation": "trench", "fiberLengthM": 300, "compensation": "none"},
                 "geometry": {"type": "LineString", "coordinates": [[%f, %f], [%f, %f]]}}""".formatted(E0 - 50, N0 + 50, E0 + 250, N0 + 50));
        assertThat(cable.status()).isEqualTo(201);
        long odisi = ((Number) cable.json("$.id")).longValue();
        // an explicit pattern: LocalDateTime.toString() drops ":00" seconds, which ODiSI never does
        String local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(java.time.LocalDateTime.ofInstant(t0, java.time.ZoneId.of("Asia/Shanghai")));
        String tsv = "Test name:\tsite test\nGage pitch (mm):\t2.6\nx-axis units:\tmm\n----------------------------------------\n"
                + "x-axis\t\t60000\t60002.6\t60005.2\n"
                + "tare\t\t0\t0\t0\n"
                + local + ".250\tmeasurement\t5.5\t-3.25\t7\n";
        var r = upload("O-1", "", "text/tab-separated-values", tsv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat((Integer) r.json("$.samples")).isEqualTo(3);
        assertThat((String) r.json("$.firstTrace")).isEqualTo(t0.plusMillis(250).toString());
        awaitDrained();
        String body = TestInflux.get().query("goafwatch", "SELECT strain_ue FROM fiber_strain WHERE cable = '" + odisi
                + "' AND pos = '60.003'");
        assertThat(((Number) com.jayway.jsonpath.JsonPath.read(body, "$.results[0].series[0].values[0][1]")).doubleValue()).isEqualTo(-3.25);
        assertThat(TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + odisi + "' AND parcel = '" + parcelA + "'"))
                .isEqualTo(3);
    }

    @Test
    void everyBadRowIsNamedAndNothingIsStored() throws IOException {
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        String bad = "timestamp,distance_m,strain_ue,temperature_c\n"
                + t0 + ",10.0,100.0,17.0\n"
                + t0 + ",500.0,100.0,17.0\n"          // line 3: past the fiber length
                + t0 + ",11.0,NaN,17.0\n"             // line 4: NaN
                + t0 + ",10.0,101.0,17.0\n"           // line 5: duplicate distance in the trace
                + future + ",12.0,100.0,17.0\n"       // line 6: future
                + t0 + ",13.0,999999,17.0\n"          // line 7: out of range
                + t0 + ",14.0,100.0\n"                // line 8: too few values
                + "yesterday,15.0,100.0,17.0\n";      // line 9: not a timestamp
        var r = upload("T-1", "", "text/csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat((Integer) r.json("$.errorCount")).isEqualTo(7);
        List<Integer> lines = r.json("$.errors[*].line");
        assertThat(lines).containsExactly(3, 4, 5, 6, 7, 8, 9);
        List<String> reasons = r.json("$.errors[*].reason");
        assertThat(reasons.get(0)).contains("past the fiber length 400.0 m");
        assertThat(reasons.get(1)).contains("NaN");
        assertThat(reasons.get(2)).contains("duplicate sample").contains("line 2");
        assertThat(reasons.get(3)).contains("in the future");
        assertThat(reasons.get(4)).contains("out of range");
        assertThat(reasons.get(6)).contains("not ISO-8601");
        assertNothingStored();
    }

    @Test
    void wrongUnitsUnknownCableAndBrokenFilesAreProblems() {
        var units = upload("T-1", "", "text/csv", ("timestamp,distance_m,strain_ue,temperature_f\n" + t0 + ",1,1,60\n").getBytes());
        assertThat(units.status()).isEqualTo(422);
        assertThat((String) units.json("$.errors[0].reason")).contains("wrong units").contains("temperature_c");
        var missing = upload("T-1", "", "text/csv", ("timestamp,distance_m\n" + t0 + ",1\n").getBytes());
        assertThat((String) missing.json("$.errors[0].reason")).contains("missing column strain_ue");
        var cable = upload("NOPE", "", "text/csv", csv(t0).getBytes());
        assertThat(cable.status()).isEqualTo(422);
        assertThat((String) cable.json("$.type")).endsWith("/unknown-cable");
        var split = upload("T-1", "", "text/csv", ("timestamp,distance_m,strain_ue,temperature_c\n" + t0 + ",1,1,15\n"
                + t0.plusSeconds(60) + ",1,1,15\n" + t0 + ",2,1,15\n").getBytes());
        assertThat((String) split.json("$.errors[0].reason")).contains("not contiguous");
        var compensated = upload("T-1", "", "text/csv", ("timestamp,distance_m,strain_ue\n" + t0 + ",1,1\n").getBytes());
        assertThat((String) compensated.json("$.errors[0].reason")).contains("temperature_c is required");
        var brokenGzip = upload("T-1", "", "application/gzip", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThat(brokenGzip.status()).isEqualTo(400);
        assertThat((String) brokenGzip.json("$.detail")).containsAnyOf("gzip", "could not be read");
        var notUtf8 = upload("T-1", "", "text/csv", new byte[] {'t', 'i', 'm', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(upload("T-1", "&format=xlsx", "text/csv", csv(t0).getBytes()).status()).isEqualTo(400);
        assertThat(upload("T-1", "&tz=Mars/Olympus", "text/csv", csv(t0).getBytes()).status()).isEqualTo(400);
        var empty = upload("T-1", "", "text/csv", "timestamp,distance_m,strain_ue,temperature_c\n".getBytes());
        assertThat(empty.status()).isEqualTo(422);
        assertNothingStored();
    }

    @Test
    void oversizedTraceUploadIs413AndLeavesNothing() {
        StringBuilder big = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        int d = 0;
        while (big.length() < 2_200_000) {
            big.append(t0.plusSeconds(d / 400)).append(',').append(d % 400).append(",1.0,15.0\n");
            d++;
        }
        var r = upload("T-1", "", "text/csv", big.toString().getBytes());
        assertThat(r.status()).isEqualTo(413);
        assertThat((String) r.json("$.detail")).contains("goafwatch.ingest.max-trace-size");
        assertNothingStored();
    }

    private void assertNothingStored() {
        awaitDrained();
        assertThat(influxCount("")).isZero();
        try (var files = Files.list(Path.of(TestDirs.spool()))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tmp-"))).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
