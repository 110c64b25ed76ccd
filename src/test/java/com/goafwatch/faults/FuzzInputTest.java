package com.goafwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/**
 * Fuzz-style robustness: valid bodies of every writing endpoint, mutated at random (truncation, byte
 * flips, invalid UTF-8, huge numbers, wrong types, deep nesting, very long lines). No mutation may cause a
 * 5xx; every refusal is a 4xx problem and leaves PostGIS, the spool and InfluxDB exactly as they were.
 */
class FuzzInputTest extends IntegrationTest {

    private static final int MUTATIONS_PER_SEED = 30;
    private final Random random = new Random(7300);
    private long project;
    private long phase;
    private long cable;
    private long parcel;

    private record Seed(String method, String path, String contentType, String body) {
    }

    @BeforeEach
    void site() {
        project = fixtures().project(Fixtures.uniqueCode("FUZ"));
        phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("A", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(project).query(Long.class).single();
        cable = fixtures().trenchCable(project, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
        assertThat(api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "SM-1", "type": "settlement-marker", "baselineElevationM": 35.0},
                 "geometry": {"type": "Point", "coordinates": [454050, 3924050]}}""").status()).isEqualTo(201);
        // Brillouin settings of T-1 and two benchmarks, so the Brillouin and levelling seeds are valid as sent
        assertThat(api().postJson("/api/v1/cables/" + cable + "/brillouin/coefficients", "{\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0}")
                .status()).isEqualTo(201);
        assertThat(api().postBytes("/api/v1/cables/" + cable + "/brillouin/references", "text/csv", ("timestamp,distance_m,shift_mhz\n"
                + "2026-03-01T08:00:00+08:00,0,10850\n2026-03-01T08:00:00+08:00,10,10851\n").getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(201);
        assertThat(api().postJson("/api/v1/projects/" + project + "/levelling/benchmarks", "{\"code\": \"BM-1\", \"heightM\": 35.0}")
                .status()).isEqualTo(201);
        assertThat(api().postJson("/api/v1/projects/" + project + "/levelling/benchmarks", "{\"code\": \"BM-2\", \"heightM\": 35.1}")
                .status()).isEqualTo(201);
    }

    private List<Seed> seeds() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        String p = "/api/v1/projects/" + project;
        return List.of(
                new Seed("POST", p + "/parcels/import?crs=EPSG:4548", "application/json", Fixtures.collection(
                        Fixtures.feature("F-1", 1, "Polygon", Fixtures.square(Fixtures.E0 + 500, Fixtures.N0, 50)),
                        Fixtures.feature("F-2", 1, "MultiPolygon", "[" + Fixtures.square(Fixtures.E0 + 700, Fixtures.N0, 50) + "]"))),
                new Seed("POST", "/api/v1/phases/" + phase + "/parcels?crs=EPSG:4548", "application/json",
                        Fixtures.feature("F-3", 1, "Polygon", Fixtures.square(Fixtures.E0 + 900, Fixtures.N0, 50))),
                new Seed("PUT", "/api/v1/parcels/" + parcel + "?crs=EPSG:4548", "application/json",
                        Fixtures.feature("A", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 120))),
                new Seed("POST", p + "/cables?crs=EPSG:4548", "application/json", """
                        {"type": "Feature", "properties": {"code": "T-2", "installation": "trench", "fiberLengthM": 500,
                         "couplingCoefficient": 0.4}, "geometry": {"type": "LineString", "coordinates": [[454000, 3924100], [454300, 3924100]]}}"""),
                new Seed("POST", p + "/sensors?crs=EPSG:4548", "application/json", """
                        {"type": "Feature", "properties": {"code": "SM-2", "type": "settlement-marker"},
                         "geometry": {"type": "Point", "coordinates": [454060, 3924060]}}"""),
                new Seed("PUT", "/api/v1/cables/" + cable + "/calibration", "application/json",
                        "{\"points\": [{\"fiberDistanceM\": 10, \"chainageM\": 0}, {\"fiberDistanceM\": 310, \"chainageM\": 300}]}"),
                new Seed("POST", p + "/ingest/traces?cable=T-1", "text/csv", "timestamp,distance_m,strain_ue,temperature_c\n"
                        + t + ",1.0,12.5,15.5\n" + t + ",2.0,13.5,15.5\n" + t + ",3.0,-4.25,15.5\n"),
                new Seed("POST", p + "/ingest/traces?cable=T-1&format=odisi", "text/tab-separated-values",
                        "Test name:\tx\n-----\nx-axis\t\t1.0\t2.0\ntare\t\t0\t0\n" + t.toString().replace('T', ' ').replace("Z", "")
                                + "\tmeasurement\t1.5\t2.5\n"),
                new Seed("POST", p + "/ingest/line-protocol?precision=ms", "text/plain",
                        "fiber_strain,cable=T-1 distance_m=5.0,strain_ue=1.5,temperature_c=15 " + t.toEpochMilli() + "\n"
                                + "settlement,sensor=SM-1 settlement_mm=2.5 " + t.toEpochMilli() + "\n"),
                new Seed("POST", p + "/ingest/readings", "application/json",
                        "{\"readings\": [{\"sensor\": \"SM-1\", \"time\": \"" + t + "\", \"settlementMm\": 3.5}]}"),
                new Seed("POST", "/api/v1/projects", "application/json", "{\"code\": \"FZ-NEW\", \"name\": \"n\", \"surveyCrs\": \"EPSG:4548\"}"),
                new Seed("POST", p + "/phases", "application/json", "{\"ordinal\": 2, \"name\": \"Phase 2\", \"worksPlannedStart\": \"2026-01-01\"}"),
                new Seed("POST", p + "/boreholes?crs=EPSG:4548", "application/json", """
                        {"code": "DH-1", "type": "grouting", "easting": 454020, "northing": 3924020, "measuredDepthM": 90, "groutTakeM3": 50,
                         "stations": [{"mdM": 10, "inclinationDeg": 0, "azimuthDeg": 90}, {"mdM": 60, "inclinationDeg": 45, "azimuthDeg": 90}]}"""),
                new Seed("POST", p + "/boreholes/import?crs=EPSG:4548", "text/csv",
                        "code,type,order,easting,northing,measured_depth_m,grouted_on,grout_take_m3,waste_share\n"
                                + "G-1,grouting,1,454030,3924030,80,2020-05-01,120.5,0.3\nK-1,check,,454040,3924040,80,,,\n"),
                new Seed("POST", p + "/qa-tests/import", "text/csv", "code,type,parcel,tested_on,core_strength_mpa,wave_velocity_ms\n"
                        + "Q-1,core_strength,A,2020-09-01,11.5,\nQ-2,wave_velocity,A,2020-09-02,,2500\n"),
                new Seed("PUT", p + "/acceptance-criteria", "application/json", "{\"minCoreStrengthMpa\": 10, \"maxFluidLoss\": \"none\"}"),
                new Seed("POST", "/api/v1/cables/" + cable + "/brillouin/coefficients", "application/json",
                        "{\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0, \"referenceTemperatureMhzPerC\": 0.95}"),
                new Seed("POST", "/api/v1/cables/" + cable + "/brillouin/references", "text/csv",
                        "timestamp,distance_m,shift_mhz,temperature_c\n" + t + ",0.0,10850.0,15.0\n" + t + ",10.0,10851.0,15.0\n"),
                new Seed("POST", p + "/ingest/traces?cable=T-1&format=brillouin", "text/csv",
                        "timestamp,distance_m,shift_mhz,temperature_c\n" + t + ",1.0,10852.5,16.0\n" + t + ",2.0,10853.0,16.5\n"),
                new Seed("POST", p + "/levelling/benchmarks", "application/json", "{\"code\": \"BM-9\", \"heightM\": 35.5}"),
                // BM-1 → SM-1 → BM-2, closing exactly
                new Seed("POST", p + "/levelling/runs?observer=o&instrument=i&observedAt=" + t.toString().replace("Z", "%2B00:00"), "text/plain",
                        "*110001+000000000000BM-1 32...8+0000000002000000 331..8+0000000000150000 \n"
                                + "*110001+000000000000SM-1 32...8+0000000002000000 332..8+0000000000150000 \n"
                                + "*110001+000000000000SM-1 32...8+0000000002000000 331..8+0000000000140000 \n"
                                + "*110001+000000000000BM-2 32...8+0000000002000000 332..8+0000000000130000 \n"));
    }

    @Test
    void mutatedInputsNeverCauseA5xxAndRefusalsWriteNothing() {
        int refused = 0;
        int sent = 0;
        String before = state();
        for (Seed seed : seeds()) {
            for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
                byte[] body = mutate(seed.body().getBytes(StandardCharsets.UTF_8), seed.contentType().contains("json"));
                HttpApi.Response r = api().send(seed.method(), seed.path(), seed.contentType(), body);
                sent++;
                String what = seed.method() + " " + seed.path() + " with " + preview(body) + " → " + r;
                assertThat(r.status()).as(what).isLessThan(500);
                if (r.status() >= 400) {
                    refused++;
                    assertThat(r.contentType()).as(what).startsWith("application/problem+json");
                    assertThat(state()).as("nothing written by " + what).isEqualTo(before);
                } else {
                    before = state(); // a mutation that happened to be valid input wrote something
                }
            }
        }
        assertThat(refused).as("the fuzzer must mostly produce bad input to mean anything").isGreaterThan(sent * 7 / 10);
    }

    /** Rows in PostGIS for the project, the spool backlog and the points in InfluxDB, after the spool drained. */
    private String state() {
        awaitDrained();
        String rows = jdbc.sql("SELECT (SELECT count(*) FROM parcel WHERE project_id = ?) || '/' || (SELECT count(*) FROM cable WHERE "
                + "project_id = ?) || '/' || (SELECT count(*) FROM point_sensor WHERE project_id = ?) || '/' || (SELECT count(*) FROM "
                + "cable_calibration_point WHERE cable_id = ?) || '/' || (SELECT count(*) FROM project) || '/' || (SELECT count(*) FROM phase "
                + "WHERE project_id = ?) || '/' || (SELECT coalesce(max(id), 0) FROM audit_event WHERE project_id = ?)")
                .params(project, project, project, cable, project, project).query(String.class).single();
        long points = TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + cable + "'")
                + TestInflux.get().count("settlement_mm", "settlement", "parcel = '" + parcel + "'");
        return rows + " points " + points;
    }

    private byte[] mutate(byte[] valid, boolean json) {
        byte[] b = valid.clone();
        switch (random.nextInt(json ? 9 : 7)) {
            case 0 -> b = java.util.Arrays.copyOf(b, random.nextInt(Math.max(1, b.length - 1)));
            case 1 -> {
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    String chars = "{}[]\",:;=\t\n x-.9eE";
                    b[random.nextInt(b.length)] = (byte) chars.charAt(random.nextInt(chars.length()));
                }
            }
            case 2 -> b = splice(b, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
            case 3 -> b = replaceNumber(b, List.of("1e400", "-1e400", "123456789012345678901234567890", "NaN", "Infinity").get(random.nextInt(5)));
            case 4 -> b = replaceNumber(b, List.of("\"abc\"", "{}", "[]", "null", "true", "\"\"").get(random.nextInt(6)));
            case 5 -> b = splice(b, ("x".repeat(200_000)).getBytes());
            case 6 -> b = new byte[0];
            case 7 -> b = ("[".repeat(5000) + "1" + "]".repeat(5000)).getBytes();
            default -> b = ("{\"type\": \"FeatureCollection\", \"features\": " + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes();
        }
        return b;
    }

    private byte[] splice(byte[] b, byte[] insert) {
        int at = random.nextInt(b.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(insert);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private byte[] replaceNumber(byte[] b, String with) {
        String text = new String(b, StandardCharsets.UTF_8);
        List<int[]> numbers = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(text);
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        if (numbers.isEmpty()) {
            return b;
        }
        int[] n = numbers.get(random.nextInt(numbers.size()));
        return (text.substring(0, n[0]) + with + text.substring(n[1])).getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
        return "[" + body.length + " bytes] " + s.replace("\n", "\\n");
    }
}
