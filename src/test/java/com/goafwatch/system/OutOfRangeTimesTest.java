package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * Every time a client may send — query parameters, JSON fields, dates of treatment records and the timestamps of ingested
 * samples — outside {@link RequestTime}'s accepted range (1900-01-01T00:00:00Z inclusive to 2200-01-01T00:00:00Z exclusive)
 * is a 4xx problem naming the parameter or field, never a 500 (before the fix: long overflow, DateTimeException and InfluxDB
 * "overflowed duration" errors, or the value stored to break later reads). A value inside the range still works.
 */
class OutOfRangeTimesTest extends IntegrationTest {

    /** Far outside, just outside InfluxDB's range at either end, and a year representable by Java but not by InfluxDB. */
    private static final List<String> OUTSIDE = List.of("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1677-09-21T00:00:00Z",
            "2262-04-12T00:00:00Z", "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z");
    private static final String INSIDE = "2026-06-30T00:00:00Z";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** One GSI-16 set-up from BM-A (10.0 m) to BM-B (10.1 m): closes exactly. */
    private static final String LEVELLING = "*110001+000000000000BM-A 32...8+0000000003000000 331..8+0000000000150000 \n"
            + "*110001+000000000000BM-B 32...8+0000000003000000 332..8+0000000000140000 \n";

    private long project;
    private long phase;
    private long parcel;
    private long cable;
    private long sensor;

    /** A request made from the time text; {@code status} of a request with a value inside the range. */
    private record Call(String label, String parameter, int rejected, int accepted, Function<String, Request> request) {
    }

    private record Request(String method, String path, String contentType, String body) {
    }

    private static Call query(String method, String parameter, int accepted, Function<String, String> path) {
        return new Call(method + " " + path.apply("{t}").replaceAll("/\\d+", "/{id}"), parameter, 400, accepted,
                t -> new Request(method, path.apply(encode(t)), null, null));
    }

    private static Call body(String method, String path, String parameter, int rejected, int accepted, String contentType,
            Function<String, String> body) {
        return new Call(method + " " + path.replaceAll("/\\d+", "/{id}") + " " + parameter, parameter, rejected, accepted,
                t -> new Request(method, path, contentType, body.apply(t)));
    }

    private static String encode(String t) {
        return java.net.URLEncoder.encode(t, StandardCharsets.UTF_8);
    }

    private static String day(String t) {
        return t.substring(0, 10);
    }

    private static int next() {
        return SEQ.incrementAndGet();
    }

    @BeforeEach
    void setUp() {
        String code = Fixtures.uniqueCode("times");
        project = fixtures().project(code);
        phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(Fixtures.feature("A", 1, "Polygon",
                Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(project).query(Long.class).single();
        cable = fixtures().trenchCable(project, "C1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 100, Fixtures.N0, 200);
        sensor = created(api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", marker("SM-1", null)));
        String benchmarks = "/api/v1/projects/" + project + "/levelling/benchmarks";
        created(api().postJson(benchmarks, "{\"code\": \"BM-A\", \"heightM\": 10.0}"));
        created(api().postJson(benchmarks, "{\"code\": \"BM-B\", \"heightM\": 10.1}"));
    }

    private static long created(HttpApi.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private static String marker(String code, String installedAt) {
        return """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker", "baselineElevationM": 35.0%s},
                 "geometry": {"type": "Point", "coordinates": [454050, 3924050]}}"""
                .formatted(code, installedAt == null ? "" : ", \"installedAt\": \"" + installedAt + "\"");
    }

    private List<Call> calls() {
        String p = "/api/v1/projects/" + project;
        String c = "/api/v1/cables/" + cable;
        String s = "/api/v1/sensors/" + sensor;
        List<Call> calls = new ArrayList<>(List.of(
                // reads: query parameters
                query("GET", "time", 200, t -> c + "/profile?time=" + t),
                query("GET", "from", 200, t -> c + "/history?distance=1&from=" + t),
                query("GET", "to", 200, t -> c + "/history?distance=1&to=" + t),
                query("GET", "from", 200, t -> "/api/v1/parcels/" + parcel + "/strain?from=" + t),
                query("GET", "to", 200, t -> "/api/v1/parcels/" + parcel + "/strain?to=" + t),
                query("GET", "from", 200, t -> s + "/settlement?from=" + t),
                query("GET", "to", 200, t -> s + "/settlement?to=" + t),
                query("GET", "from", 200, t -> s + "/displacement?from=" + t),
                query("GET", "to", 200, t -> s + "/displacement?to=" + t),
                query("GET", "at", 200, t -> "/api/v1/phases/" + phase + "/acceptance?at=" + t),
                query("GET", "at", 200, t -> "/api/v1/phases/" + phase + "/settlement-forecast?at=" + t),
                query("GET", "at", 200, t -> "/api/v1/parcels/" + parcel + "/settlement-forecast?at=" + t),
                query("GET", "from", 200, t -> "/api/v1/alerts?project=" + project + "&from=" + t),
                query("GET", "to", 200, t -> "/api/v1/alerts?project=" + project + "&to=" + t),
                query("GET", "from", 200, t -> "/api/v1/audit?project=" + project + "&from=" + t),
                query("GET", "to", 200, t -> "/api/v1/audit?project=" + project + "&to=" + t),
                query("GET", "datetime", 200, t -> "/ogcapi/collections/parcels/items?projectId=" + project + "&datetime=" + t),
                query("GET", "datetime", 200, t -> "/ogcapi/collections/parcels/items?projectId=" + project + "&datetime=" + t + "%2F.."),
                // writes: query parameters
                query("POST", "at", 201, t -> "/api/v1/phases/" + phase + "/reports?format=json&at=" + t),
                new Call("POST " + p + "/levelling/runs?observedAt={t}", "observedAt", 400, 201, t -> new Request("POST",
                        p + "/levelling/runs?observer=o&instrument=i&observedAt=" + encode(t), "text/plain", LEVELLING)),
                // JSON bodies
                body("POST", "/api/v1/phases/" + phase + "/levelling-sheet/check", "time", 400, 200, "application/json",
                        t -> "{\"time\": \"" + t + "\", \"readings\": [{\"sensor\": \"SM-1\", \"settlementMm\": 1}]}"),
                body("POST", "/api/v1/parcels/" + parcel + "/baselines", "takenAt", 422, 201, "application/json",
                        t -> "{\"metric\": \"settlement\", \"takenAt\": \"" + t + "\"}"),
                body("POST", c + "/baselines", "takenAt", 422, 201, "application/json",
                        t -> "{\"metric\": \"fiber_strain\", \"takenAt\": \"" + t + "\"}"),
                body("POST", p + "/sensors?crs=EPSG:4548", "installedAt", 422, 201, "application/json", t -> marker("SM-T" + next(), t)),
                body("POST", p + "/cables?crs=EPSG:4548", "baselineTime", 422, 201, "application/json", t -> """
                        {"type": "Feature", "properties": {"code": "CT-%d", "installation": "trench", "fiberLengthM": 60,
                         "couplingCoefficient": 0.4, "baselineTime": "%s"},
                         "geometry": {"type": "LineString", "coordinates": [[454000, 3924020], [454050, 3924020]]}}""".formatted(next(), t)),
                body("POST", p + "/boreholes?crs=EPSG:4548", "grouted on", 422, 201, "application/json", t -> """
                        {"code": "DT-%d", "type": "grouting", "easting": 454020, "northing": 3924020, "measuredDepthM": 90,
                         "groutTakeM3": 50, "groutedOn": "%s"}""".formatted(next(), day(t))),
                body("POST", p + "/boreholes?crs=EPSG:4548", "drilled from", 422, 201, "application/json", t -> """
                        {"code": "DT-%d", "type": "grouting", "easting": 454020, "northing": 3924020, "measuredDepthM": 90,
                         "groutTakeM3": 50, "drilledFrom": "%s", "drilledTo": "2026-07-01"}""".formatted(next(), day(t))),
                body("POST", p + "/qa-tests", "tested on", 422, 201, "application/json", t -> "{\"code\": \"QT-" + next()
                        + "\", \"type\": \"core_strength\", \"parcel\": \"A\", \"testedOn\": \"" + day(t) + "\", \"coreStrengthMpa\": 11.5}"),
                body("POST", p + "/qa-tests/import?mode=upsert", "tested on", 422, 200, "text/csv",
                        t -> "code,type,parcel,tested_on,core_strength_mpa\nQI-" + next() + ",core_strength,A," + day(t) + ",11.5\n"),
                // samples: the row is refused, nothing is spooled
                body("POST", p + "/ingest/readings", "time", 422, 202, "application/json",
                        t -> "{\"readings\": [{\"sensor\": \"SM-1\", \"time\": \"" + t + "\", \"settlementMm\": 3.5}]}"),
                body("POST", p + "/ingest/line-protocol?precision=ms", "timestamp", 422, 202, "text/plain",
                        t -> "settlement,sensor=SM-1 settlement_mm=2.5 " + Instant.parse(t).toEpochMilli() + "\n"),
                body("POST", p + "/ingest/traces?cable=C1", "timestamp", 422, 202, "text/csv",
                        t -> "timestamp,distance_m,strain_ue,temperature_c\n" + t + ",1,10,15\n"),
                body("POST", p + "/ingest/survey", "time", 422, 202, "text/csv",
                        t -> "sensor,time,easting_m,northing_m,height_m\nSM-1," + t + ",454050.0,3924050.0,35.0\n"),
                body("POST", c + "/brillouin/references", "timestamp", 422, 201, "text/csv",
                        t -> "timestamp,distance_m,shift_mhz\n" + t + ",1,10851.0\n")));
        for (String field : List.of("worksPlannedStart", "worksPlannedEnd", "worksActualStart", "worksActualEnd", "testingPlannedEnd",
                "testingActualEnd", "acceptancePlanned", "acceptanceActual")) {
            calls.add(body("PUT", "/api/v1/phases/" + phase, field, 400, 200, "application/json",
                    t -> "{\"ordinal\": 1, \"name\": \"Phase 1\", \"" + field + "\": \"" + day(t) + "\"}"));
        }
        return calls;
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> timesOutsideTheRangeAreProblemsNamingTheParameter() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < calls().size(); i++) {
            int index = i;
            String label = calls().get(i).label();
            for (String t : OUTSIDE) {
                tests.add(DynamicTest.dynamicTest(label + " with " + t, () -> {
                    Call call = calls().get(index);
                    HttpApi.Response r = send(call.request().apply(t));
                    assertThat(r.status()).as(r.toString()).isEqualTo(call.rejected());
                    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
                    if (call.rejected() == 400) {
                        assertThat((String) r.json("$.parameter")).as(r.toString()).isEqualTo(call.parameter());
                    } else {
                        assertThat(r.body()).as("the field is named").contains(call.parameter());
                    }
                    if (call.label().contains("/ingest/") && !call.label().contains("/survey")) {
                        // the sample's row, with the range or the ingest's own bounds inside it (future, goafwatch.ingest.earliest)
                        assertThat((List<Object>) r.json("$.errors[*].line")).as(r.toString()).hasSize(1);
                        assertThat(r.body()).as(r.toString()).containsAnyOf("2200-01-01", "in the future", "is before");
                    } else {
                        assertThat(r.body()).as("the accepted range is named").contains("1900-01-01").contains("2200-01-01");
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(label + " with " + INSIDE, () -> {
                Call call = calls().get(index);
                HttpApi.Response r = send(call.request().apply(INSIDE));
                assertThat(r.status()).as(r.toString()).isEqualTo(call.accepted());
            }));
        }
        return tests;
    }

    private HttpApi.Response send(Request r) {
        return api().send(r.method(), r.path(), r.contentType(), r.body() == null ? null : r.body().getBytes(StandardCharsets.UTF_8));
    }
}
