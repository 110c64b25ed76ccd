package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * Endpoint × caller → expected status, for every route of the running application. Callers: anonymous, viewer and
 * engineer granted project P1, an engineer granted only P2, admin, and an ingest token of P1 bound to cable C1. A route
 * without a row here, or a handler without a declared project scope, fails {@link #everyRouteHasADeclaredScopeAndARow()}.
 */
class AccessRulesTest extends IntegrationTest {

    private static final List<String> CALLERS = List.of("anonymous", "viewer", "engineer", "other-engineer", "admin", "ingest");
    private static final List<String> SCOPED_PREFIXES = List.of("/api/", "/ogcapi", "/tiles/");
    private static final AtomicInteger SEQ = new AtomicInteger(10);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private long p1;
    private long c1;
    private long parcel;
    private long phase;
    private long sensor;
    private long rule;
    private long channel;
    private long borehole;
    private long qaTest;
    private long report;
    private long alert;
    private long levellingRun;
    private Map<String, HttpApi> as;

    /** One row: the request (path and body made when sent, so destructive calls get a fresh target) and the six statuses. */
    private record Call(String method, Supplier<String> path, String contentType, Supplier<byte[]> body, int... expected) {

        String label() {
            return method + " " + path.get().replaceAll("\\d{3,}", "{id}");
        }
    }

    private static Call call(String method, String path, int... expected) {
        return new Call(method, () -> path, null, null, expected);
    }

    private static Call call(String method, Supplier<String> path, int... expected) {
        return new Call(method, path, null, null, expected);
    }

    private static Call json(String method, String path, Supplier<String> json, int... expected) {
        return new Call(method, () -> path, "application/json", () -> json.get().getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Call json(String method, Supplier<String> path, Supplier<String> json, int... expected) {
        return new Call(method, path, "application/json", () -> json.get().getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Call text(String method, String path, String contentType, Supplier<String> text, int... expected) {
        return new Call(method, () -> path, contentType, () -> text.get().getBytes(StandardCharsets.UTF_8), expected);
    }

    @BeforeEach
    void setUp() {
        String suffix = Fixtures.uniqueCode("acl");
        p1 = fixtures().project("P1-" + suffix);
        long p2 = fixtures().project("P2-" + suffix);
        phase = fixtures().phase(p1, 1);
        assertThat(fixtures().importGeoJson(p1, "?crs=EPSG:4548", Fixtures.collection(Fixtures.feature("A", 1, "Polygon",
                Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(p1).query(Long.class).single();
        c1 = fixtures().trenchCable(p1, "C1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 100, Fixtures.N0, 200);
        fixtures().trenchCable(p1, "C2", Fixtures.E0, Fixtures.N0 + 50, Fixtures.E0 + 100, Fixtures.N0 + 50, 200);
        sensor = created(api().postJson("/api/v1/projects/" + p1 + "/sensors?crs=EPSG:4548", markerJson("SM-1")));
        rule = created(api().postJson("/api/v1/projects/" + p1 + "/rules", ruleJson()));
        channel = created(api().postJson("/api/v1/projects/" + p1 + "/notification-channels", channelJson()));
        borehole = created(api().postJson("/api/v1/projects/" + p1 + "/boreholes?crs=EPSG:4548", boreholeJson("DH-1")));
        qaTest = created(api().postJson("/api/v1/projects/" + p1 + "/qa-tests", qaJson("Q-1")));
        report = created(api().send("POST", "/api/v1/phases/" + phase + "/reports?format=json", null, null));
        alert = freshAlert();
        String benchmarks = "/api/v1/projects/" + p1 + "/levelling/benchmarks";
        created(api().postJson(benchmarks, "{\"code\": \"BM-A\", \"heightM\": 10.0}"));
        created(api().postJson(benchmarks, "{\"code\": \"BM-B\", \"heightM\": 10.1}"));
        levellingRun = created(api().postBytes(levellingRuns(), "text/plain", LEVELLING.getBytes()));
        as = Map.of("anonymous", api().anonymous(),
                "viewer", user("viewer-" + suffix, "viewer", List.of(p1)),
                "engineer", user("eng-" + suffix, "engineer", List.of(p1)),
                "other-engineer", user("eng2-" + suffix, "engineer", List.of(p2)),
                "admin", api(),
                "ingest", api().bearer(token("gw-" + suffix, "ingest", p1, List.of(c1))));
    }

    /** One GSI-16 set-up from BM-A (10.0 m) to BM-B (10.1 m): closes exactly. */
    private static final String LEVELLING = "*110001+000000000000BM-A 32...8+0000000003000000 331..8+0000000000150000 \n"
            + "*110001+000000000000BM-B 32...8+0000000003000000 332..8+0000000000140000 \n";

    private String levellingRuns() {
        return "/api/v1/projects/" + p1 + "/levelling/runs?observer=o&instrument=i&observedAt=2026-05-01T09:00:00%2B08:00";
    }

    private static long created(HttpApi.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private HttpApi user(String name, String role, List<Long> projects) {
        String password = "pw-" + name + "-long-enough";
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "%s", "projectIds": %s, "password": "%s"}""".formatted(name, role, projects, password));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return api().as(name, password);
    }

    private String token(String name, String role, long project, List<Long> cables) {
        var r = api().postJson("/api/v1/admin/tokens", """
                {"name": "%s", "role": "%s", "projectId": %d, "cableIds": %s, "validDays": 1}""".formatted(name, role, project, cables));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json("$.secret");
    }

    private static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    private static String markerJson(String code) {
        return """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker", "baselineElevationM": 35.0},
                 "geometry": {"type": "Point", "coordinates": [454050, 3924050]}}""".formatted(code);
    }

    private static String ruleJson() {
        return "{\"name\": \"r\", \"metric\": \"settlement\", \"statistic\": \"max\", \"windowSeconds\": 60, \"unit\": \"mm\", \"red\": 30}";
    }

    private static String channelJson() {
        return "{\"name\": \"office\", \"kind\": \"webhook\", \"url\": \"https://hooks.example.com/goafwatch\"}";
    }

    private static String boreholeJson(String code) {
        return """
                {"code": "%s", "type": "grouting", "easting": 454020, "northing": 3924020, "measuredDepthM": 90, "groutTakeM3": 50}"""
                .formatted(code);
    }

    private static String qaJson(String code) {
        return "{\"code\": \"" + code + "\", \"type\": \"core_strength\", \"parcel\": \"A\", \"testedOn\": \"2020-09-01\", "
                + "\"coreStrengthMpa\": 11.5}";
    }

    private String trace() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(SEQ.incrementAndGet());
        return "timestamp,distance_m,strain_ue,temperature_c\n" + t + ",1,10,15\n";
    }

    private long freshParcel() {
        String code = unique("X");
        var r = api().postJson("/api/v1/phases/" + phase + "/parcels?crs=EPSG:4548",
                Fixtures.feature(code, 1, "Polygon", Fixtures.square(Fixtures.E0 + 300 + SEQ.get() * 20, Fixtures.N0 + 300, 10)));
        return created(r);
    }

    private long freshAlert() {
        return jdbc.sql("INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, state, level, peak_level, raised_at, "
                + "updated_at) SELECT project_id, phase_id, id, 'acl', 'settlement', 'threshold', 'raised', 'yellow', 'yellow', now(), now() "
                + "FROM parcel WHERE id = ? RETURNING id").param(parcel).query(Long.class).single();
    }

    private long freshCable() {
        return fixtures().trenchCable(p1, unique("CX"), Fixtures.E0, Fixtures.N0 + 10, Fixtures.E0 + 50, Fixtures.N0 + 10, 60);
    }

    private String freshUser() {
        String name = unique("acl-user-" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(api().postJson("/api/v1/admin/users", "{\"username\": \"" + name + "\", \"role\": \"viewer\"}").status()).isEqualTo(201);
        return name;
    }

    private List<Call> calls() {
        String p = "/api/v1/projects/" + p1;
        String trace = "timestamp,distance_m,strain_ue,temperature_c\n";
        long ms = Instant.now().minusSeconds(3600).toEpochMilli();
        //                                                                 anon viewer eng other admin ingest
        return List.of(
                // projects
                call("GET", "/api/v1/projects", 401, 200, 200, 200, 200, 200),
                call("GET", p, 401, 200, 200, 403, 200, 403),
                json("POST", "/api/v1/projects", () -> "{\"code\": \"" + Fixtures.uniqueCode("NEW") + "\", \"name\": \"n\"}",
                        401, 403, 403, 403, 201, 403),
                json("PUT", () -> "/api/v1/projects/" + fixtures().project(Fixtures.uniqueCode("PUT")),
                        () -> "{\"code\": \"" + Fixtures.uniqueCode("PUT2") + "\", \"name\": \"n\"}", 401, 403, 403, 403, 200, 403),
                call("DELETE", () -> "/api/v1/projects/" + fixtures().project(Fixtures.uniqueCode("DEL")), 401, 403, 403, 403, 204, 403),
                call("GET", p + "/live", 401, 200, 200, 403, 200, 403),
                // phases
                call("GET", p + "/phases", 401, 200, 200, 403, 200, 403),
                json("POST", p + "/phases", () -> "{\"ordinal\": " + (SEQ.incrementAndGet() % 90 + 5) + ", \"name\": \"n\"}",
                        401, 403, 403, 403, 201, 403),
                call("GET", "/api/v1/phases/" + phase, 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/phases/" + phase + "/summary", 401, 200, 200, 403, 200, 403),
                json("PUT", "/api/v1/phases/" + phase, () -> "{\"ordinal\": 1, \"name\": \"Phase one\"}", 401, 403, 403, 403, 200, 403),
                call("DELETE", () -> "/api/v1/phases/" + fixtures().phase(p1, SEQ.incrementAndGet() % 90 + 5), 401, 403, 403, 403, 204, 403),
                // parcels
                call("GET", "/api/v1/parcels?project=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", p + "/parcel-list", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/parcels/" + parcel, 401, 200, 200, 403, 200, 403),
                json("POST", "/api/v1/phases/" + phase + "/parcels?crs=EPSG:4548", () -> Fixtures.feature(unique("N"), 1, "Polygon",
                        Fixtures.square(Fixtures.E0 + 2000 + SEQ.get() * 20, Fixtures.N0, 10)), 401, 403, 201, 403, 201, 403),
                json("PUT", "/api/v1/parcels/" + parcel + "?crs=EPSG:4548", () -> Fixtures.feature("A", 1, "Polygon",
                        Fixtures.square(Fixtures.E0, Fixtures.N0, 100)), 401, 403, 200, 403, 200, 403),
                call("DELETE", () -> "/api/v1/parcels/" + freshParcel(), 401, 403, 204, 403, 204, 403),
                call("DELETE", "/api/v1/parcels/999999999", 401, 403, 404, 404, 404, 403),
                json("POST", p + "/parcels/import?crs=EPSG:4548&mode=upsert",
                        () -> Fixtures.collection(Fixtures.feature("B", 1, "Polygon", Fixtures.square(Fixtures.E0 + 200, Fixtures.N0, 50))),
                        401, 403, 200, 403, 200, 403),
                new Call("POST", () -> p + "/parcels/import-file", "multipart/form-data; boundary=acl",
                        () -> ("--acl\r\nContent-Disposition: form-data; name=\"file\"; filename=\"parcels.txt\"\r\n"
                                + "Content-Type: text/plain\r\n\r\nnot a shapefile\r\n--acl--\r\n").getBytes(StandardCharsets.UTF_8),
                        401, 403, 415, 403, 415, 403),
                call("GET", "/api/v1/phases/" + phase + "/parcels/export", 401, 200, 200, 403, 200, 403),
                // goaf / strip panels
                json("POST", p + "/goaf-panels/import?crs=EPSG:4548&replace=true", () -> """
                        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "7330", "seamThicknessM": 2.6,
                         "depthM": 280}, "geometry": {"type": "Polygon", "coordinates": %s}}]}""".formatted(Fixtures.square(Fixtures.E0, Fixtures.N0, 50)),
                        401, 403, 200, 403, 200, 403),
                call("GET", p + "/goaf-panels", 401, 200, 200, 403, 200, 403),
                // cables
                json("POST", p + "/cables?crs=EPSG:4548", () -> """
                        {"type": "Feature", "properties": {"code": "%s", "installation": "trench", "fiberLengthM": 60,
                         "couplingCoefficient": 0.4}, "geometry": {"type": "LineString", "coordinates": [[454000, 3924020], [454050, 3924020]]}}"""
                        .formatted(unique("CN")), 401, 403, 201, 403, 201, 403),
                call("GET", p + "/cables", 401, 200, 200, 403, 200, 200),
                call("GET", "/api/v1/cables/" + c1, 401, 200, 200, 403, 200, 200),
                call("DELETE", () -> "/api/v1/cables/" + freshCable(), 401, 403, 204, 403, 204, 403),
                json("PUT", "/api/v1/cables/" + c1 + "/calibration", () -> "{\"points\": []}", 401, 403, 200, 403, 200, 403),
                call("GET", "/api/v1/cables/" + c1 + "/locate?distance=1", 401, 200, 200, 403, 200, 403),
                // point sensors
                json("POST", p + "/sensors?crs=EPSG:4548", () -> markerJson(unique("SM")), 401, 403, 201, 403, 201, 403),
                call("GET", p + "/sensors", 401, 200, 200, 403, 200, 200),
                call("GET", "/api/v1/sensors/" + sensor, 401, 200, 200, 403, 200, 403),
                call("DELETE", () -> "/api/v1/sensors/" + created(api().postJson(p + "/sensors?crs=EPSG:4548", markerJson(unique("SD")))),
                        401, 403, 204, 403, 204, 403),
                // ingestion
                text("POST", p + "/ingest/traces?cable=C1", "text/csv", this::trace, 401, 403, 202, 403, 202, 202),
                text("POST", p + "/ingest/traces?cable=C2", "text/csv", this::trace, 401, 403, 202, 403, 202, 403),
                text("POST", p + "/ingest/line-protocol?precision=ms", "text/plain",
                        () -> "settlement,sensor=SM-1 settlement_mm=2.5 " + (ms + SEQ.incrementAndGet()) + "\n", 401, 403, 202, 403, 202, 202),
                json("POST", p + "/ingest/readings", () -> "{\"readings\": [{\"sensor\": \"SM-1\", \"time\": \""
                        + Instant.now().minusSeconds(7200 + SEQ.incrementAndGet()).truncatedTo(ChronoUnit.SECONDS) + "\", \"settlementMm\": 3.5}]}",
                        401, 403, 202, 403, 202, 202),
                call("GET", "/api/v1/ingest/status", 401, 200, 200, 200, 200, 200),
                // 3-D survey of markers (times rise, so each caller's reading lies after SM-1's baseline)
                text("POST", p + "/ingest/survey", "text/csv", () -> "sensor,time,easting_m,northing_m,height_m\nSM-1,"
                        + Instant.now().minusSeconds(7200).plusSeconds(SEQ.incrementAndGet()).truncatedTo(ChronoUnit.SECONDS)
                        + ",454050.0,3924050.0,35.0\n", 401, 403, 202, 403, 202, 202),
                call("GET", "/api/v1/sensors/" + sensor + "/displacement", 401, 200, 200, 403, 200, 403),
                // Brillouin coefficients and reference traces, levelling benchmarks and runs
                call("GET", "/api/v1/cables/" + c1 + "/brillouin", 401, 200, 200, 403, 200, 403),
                json("POST", "/api/v1/cables/" + c1 + "/brillouin/coefficients", () -> "{\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0}",
                        401, 403, 201, 403, 201, 403),
                text("POST", "/api/v1/cables/" + c1 + "/brillouin/references", "text/csv",
                        () -> "timestamp,distance_m,shift_mhz\n2026-03-01T08:00:00+08:00,1,10851.0\n", 401, 403, 201, 403, 201, 403),
                call("GET", p + "/levelling/benchmarks", 401, 200, 200, 403, 200, 403),
                json("POST", p + "/levelling/benchmarks", () -> "{\"code\": \"BM-" + SEQ.incrementAndGet() + "\", \"heightM\": 35.0}",
                        401, 403, 201, 403, 201, 403),
                text("POST", levellingRuns(), "text/plain", () -> "not a raw levelling file\n", 401, 403, 422, 403, 422, 403),
                call("GET", p + "/levelling/runs", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/phases/" + phase + "/levelling-sheet", 401, 200, 200, 403, 200, 403),
                json("POST", "/api/v1/phases/" + phase + "/levelling-sheet/check",
                        () -> "{\"readings\": [{\"sensor\": \"NOPE\", \"settlementMm\": 1}]}", 401, 403, 422, 403, 422, 403),
                call("GET", "/api/v1/levelling-runs/" + levellingRun, 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/levelling-runs/999999999", 401, 404, 404, 404, 404, 403),
                // monitoring
                call("GET", "/api/v1/cables/" + c1 + "/profile", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/cables/" + c1 + "/history?distance=1", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/parcels/" + parcel + "/strain", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/sensors/" + sensor + "/settlement", 401, 200, 200, 403, 200, 403),
                // rules and baselines
                json("POST", p + "/rules", AccessRulesTest::ruleJson, 401, 403, 201, 403, 201, 403),
                call("GET", p + "/rules", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/rules/" + rule, 401, 200, 200, 403, 200, 403),
                json("PUT", "/api/v1/rules/" + rule, AccessRulesTest::ruleJson, 401, 403, 200, 403, 200, 403),
                call("DELETE", () -> "/api/v1/rules/" + created(api().postJson(p + "/rules", ruleJson())), 401, 403, 204, 403, 204, 403),
                call("GET", "/api/v1/parcels/" + parcel + "/effective-rules", 401, 200, 200, 403, 200, 403),
                // a backtest stores nothing but reads the project's history at length: engineers and admins, like rule edits
                json("POST", p + "/rules/backtest", () -> "{\"days\": 1, \"rule\": " + ruleJson() + "}", 401, 403, 200, 403, 200, 403),
                json("POST", "/api/v1/parcels/" + parcel + "/baselines", () -> "{\"metric\": \"settlement\"}", 401, 403, 201, 403, 201, 403),
                json("POST", "/api/v1/parcels/" + parcel + "/baselines", () -> "{}", 401, 403, 422, 403, 422, 403),
                json("POST", "/api/v1/cables/" + c1 + "/baselines", () -> "{\"metric\": \"fiber_strain\"}", 401, 403, 201, 403, 201, 403),
                json("POST", "/api/v1/cables/" + c1 + "/baselines", () -> "{}", 401, 403, 422, 403, 422, 403),
                call("GET", "/api/v1/parcels/" + parcel + "/baselines", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/cables/" + c1 + "/baselines", 401, 200, 200, 403, 200, 403),
                // flags and evaluation
                call("GET", "/api/v1/parcels/" + parcel + "/flags", 401, 200, 200, 403, 200, 403),
                call("GET", p + "/flag-summary", 401, 200, 200, 403, 200, 403),
                call("POST", p + "/evaluate", 401, 403, 200, 403, 200, 403),
                call("GET", p + "/evaluation", 401, 200, 200, 403, 200, 403),
                // alerts
                call("GET", "/api/v1/alerts?project=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/alerts/" + alert, 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/alerts/999999999", 401, 404, 404, 404, 404, 403),
                json("POST", () -> "/api/v1/alerts/" + freshAlert() + "/acknowledge", () -> "{}", 401, 403, 200, 403, 200, 403),
                json("POST", "/api/v1/alerts/bulk-acknowledge", () -> "{\"ids\": [" + freshAlert() + "], \"comment\": \"checked\"}",
                        401, 403, 200, 403, 200, 403),
                json("POST", "/api/v1/alerts/" + alert + "/comments", () -> "{\"comment\": \"checked\"}", 401, 403, 200, 403, 200, 403),
                // notification channels
                call("GET", p + "/notification-channels", 401, 200, 200, 403, 200, 403),
                json("POST", p + "/notification-channels", AccessRulesTest::channelJson, 401, 403, 403, 403, 201, 403),
                call("GET", "/api/v1/notification-channels/" + channel, 401, 200, 200, 403, 200, 403),
                json("PUT", "/api/v1/notification-channels/" + channel, AccessRulesTest::channelJson, 401, 403, 403, 403, 200, 403),
                call("DELETE", () -> "/api/v1/notification-channels/" + created(api().postJson(p + "/notification-channels", channelJson())),
                        401, 403, 403, 403, 204, 403),
                call("POST", "/api/v1/notification-channels/" + channel + "/test", 401, 403, 403, 403, 200, 403),
                call("GET", "/api/v1/notification-channels/" + channel + "/deliveries", 401, 200, 200, 403, 200, 403),
                // treatment records
                call("GET", p + "/boreholes", 401, 200, 200, 403, 200, 403),
                json("POST", p + "/boreholes?crs=EPSG:4548", () -> boreholeJson(unique("DN")), 401, 403, 201, 403, 201, 403),
                call("GET", "/api/v1/boreholes/" + borehole, 401, 200, 200, 403, 200, 403),
                json("PUT", "/api/v1/boreholes/" + borehole + "?crs=EPSG:4548", () -> boreholeJson("DH-1"), 401, 403, 200, 403, 200, 403),
                call("DELETE", () -> "/api/v1/boreholes/" + created(api().postJson(p + "/boreholes?crs=EPSG:4548", boreholeJson(unique("DD")))),
                        401, 403, 204, 403, 204, 403),
                text("POST", p + "/boreholes/import?crs=EPSG:4548&mode=upsert", "text/csv",
                        () -> "code,type,easting,northing,measured_depth_m,grout_take_m3\nACL-1,grouting,454010,3924010,60,10\n",
                        401, 403, 200, 403, 200, 403),
                json("POST", p + "/qa-tests", () -> qaJson(unique("QN")), 401, 403, 201, 403, 201, 403),
                text("POST", p + "/qa-tests/import?mode=upsert", "text/csv",
                        () -> "code,type,parcel,tested_on,core_strength_mpa\nQI-1,core_strength,A,2020-09-01,11.5\n", 401, 403, 200, 403, 200, 403),
                call("GET", "/api/v1/qa-tests/" + qaTest, 401, 200, 200, 403, 200, 403),
                json("PUT", "/api/v1/qa-tests/" + qaTest, () -> qaJson("Q-1"), 401, 403, 200, 403, 200, 403),
                json("PUT", "/api/v1/qa-tests/999999999", () -> "{}", 401, 403, 404, 404, 404, 403),
                call("DELETE", () -> "/api/v1/qa-tests/" + created(api().postJson(p + "/qa-tests", qaJson(unique("QD")))),
                        401, 403, 204, 403, 204, 403),
                // acceptance
                call("GET", p + "/acceptance-criteria", 401, 200, 200, 403, 200, 403),
                json("PUT", p + "/acceptance-criteria", () -> "{}", 401, 403, 403, 403, 200, 403),
                call("GET", p + "/report-parties", 401, 200, 200, 403, 200, 403),
                json("PUT", p + "/report-parties", () -> "{\"client\": \"c\"}", 401, 403, 200, 403, 200, 403),
                call("GET", "/api/v1/phases/" + phase + "/qa-tests", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/phases/" + phase + "/acceptance", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/parcels/" + parcel + "/acceptance", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/phases/" + phase + "/settlement-forecast", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/parcels/" + parcel + "/settlement-forecast", 401, 200, 200, 403, 200, 403),
                json("POST", "/api/v1/parcels/" + parcel + "/acceptance-decision", () -> "{\"decision\": \"accepted\", \"comment\": \"c\"}",
                        401, 403, 403, 403, 409, 403),
                json("POST", "/api/v1/phases/" + phase + "/acceptance-decision", () -> "{\"decision\": \"accepted\", \"comment\": \"c\"}",
                        401, 403, 403, 403, 409, 403),
                call("GET", "/api/v1/phases/" + phase + "/acceptance-decisions", 401, 200, 200, 403, 200, 403),
                // reports
                call("POST", "/api/v1/phases/" + phase + "/reports?format=json", 401, 403, 201, 403, 201, 403),
                call("GET", "/api/v1/phases/" + phase + "/reports", 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/reports/" + report, 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/reports/" + report + "/content", 401, 200, 200, 403, 200, 403),
                text("POST", "/api/v1/reports/verify", "application/pdf", () -> "%PDF-1.4", 401, 200, 200, 200, 200, 403),
                // map, tiles, OGC API
                call("GET", "/api/v1/session", 401, 200, 200, 200, 200, 403),
                call("GET", "/api/v1/messages?lang=zh", 401, 200, 200, 200, 200, 403),
                call("GET", "/tiles/parcels/10/843/404.mvt?project=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/ogcapi", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/conformance", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels/items", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels/items?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/ogcapi/collections/parcels/items/" + parcel, 401, 200, 200, 404, 200, 403),
                call("GET", "/ogcapi/collections/parcels/queryables", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels/items?filter=" + java.net.URLEncoder.encode("projectId = " + p1 + " AND phase >= 1",
                        java.nio.charset.StandardCharsets.UTF_8), 401, 200, 200, 200, 200, 403),
                // OGC API - Tiles and TileJSON
                call("GET", "/ogcapi/tileMatrixSets", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/tileMatrixSets/WebMercatorQuad", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/tiles", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/tiles/WebMercatorQuad", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/tiles/WebMercatorQuad/tilejson.json?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/ogcapi/tiles/WebMercatorQuad/0/0/0?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/ogcapi/collections/parcels/tiles", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels/tiles/WebMercatorQuad", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels/tiles/WebMercatorQuad/tilejson.json?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/ogcapi/collections/parcels/tiles/WebMercatorQuad/10/404/843?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                // the CGCS2000 tile matrix set (9/155/843: P1's parcel): same routes, same scopes (TileJSON is Web Mercator only: 404 for every caller who may see P1)
                call("GET", "/ogcapi/tileMatrixSets/CGCS2000Quad", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/tiles/CGCS2000Quad", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/tiles/CGCS2000Quad/9/155/843?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/ogcapi/tiles/CGCS2000Quad/tilejson.json?projectId=" + p1, 401, 404, 404, 403, 404, 403),
                call("GET", "/ogcapi/collections/parcels/tiles/CGCS2000Quad", 401, 200, 200, 200, 200, 403),
                call("GET", "/ogcapi/collections/parcels/tiles/CGCS2000Quad/9/155/843?projectId=" + p1, 401, 200, 200, 403, 200, 403),
                // audit and administration
                call("GET", "/api/v1/audit?project=" + p1, 401, 200, 200, 403, 200, 403),
                call("GET", "/api/v1/admin/users", 401, 403, 403, 403, 200, 403),
                json("POST", "/api/v1/admin/users", () -> "{\"username\": \"" + unique("acl-new") + "-" + UUID.randomUUID().toString()
                        .substring(0, 6) + "\", \"role\": \"viewer\"}", 401, 403, 403, 403, 201, 403),
                json("PUT", () -> "/api/v1/admin/users/" + freshUser(), () -> "{\"role\": \"viewer\"}", 401, 403, 403, 403, 200, 403),
                call("POST", () -> "/api/v1/admin/users/" + freshUser() + "/logout", 401, 403, 403, 403, 204, 403),
                json("POST", "/api/v1/admin/tokens", () -> "{\"name\": \"t\", \"role\": \"viewer\"}", 401, 403, 403, 403, 201, 403),
                call("GET", "/api/v1/admin/tokens", 401, 403, 403, 403, 200, 403),
                call("DELETE", () -> "/api/v1/admin/tokens/" + ((Number) api().postJson("/api/v1/admin/tokens",
                        "{\"name\": \"t\", \"role\": \"viewer\"}").json("$.token.id")).longValue(), 401, 403, 403, 403, 204, 403));
    }

    @TestFactory
    List<DynamicTest> everyEndpointForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : calls()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                int expected = call.expected()[i];
                tests.add(DynamicTest.dynamicTest(call.label() + " as " + caller + " → " + expected, () -> {
                    String path = call.path().get();
                    HttpApi client = as.get(caller);
                    var r = path.endsWith("/live") ? client.openStream(path)
                            : client.send(call.method(), path, call.contentType(), call.body() == null ? null : call.body().get());
                    assertThat(r.status()).as(call.method() + " " + path + ": " + r).isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(r.contentType()).startsWith("application/problem+json");
                    }
                }));
            }
        }
        return tests;
    }

    /** Fails when a route of the running application has no declared project scope or no row in the table above. */
    @Test
    void everyRouteHasADeclaredScopeAndARow() throws Exception {
        Set<String> undeclared = new TreeSet<>();
        Set<HandlerMethod> scoped = new LinkedHashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            boolean underScope = info.getDirectPaths().stream().anyMatch(AccessRulesTest::scoped)
                    || info.getPatternValues().stream().anyMatch(AccessRulesTest::scoped);
            if (underScope) {
                scoped.add(method);
                if (method.getMethodAnnotation(ProjectScoped.class) == null) {
                    undeclared.add(info + " → " + method.getShortLogMessage());
                }
            }
        });
        assertThat(undeclared).as("handlers without @ProjectScoped").isEmpty();
        assertThat(scoped).as("the application's routes were found").hasSizeGreaterThan(90);

        Set<java.lang.reflect.Method> covered = new LinkedHashSet<>();
        for (Call call : calls()) {
            covered.add(handlerOf(call).getMethod());
        }
        Set<String> missing = new TreeSet<>();
        scoped.stream().filter(m -> !covered.contains(m.getMethod())).forEach(m -> missing.add(m.getShortLogMessage()));
        assertThat(missing).as("routes without a row in the endpoint × caller table").isEmpty();
    }

    private static boolean scoped(String pattern) {
        return SCOPED_PREFIXES.stream().anyMatch(pattern::startsWith) || pattern.equals("/ogcapi");
    }

    private HandlerMethod handlerOf(Call call) throws Exception {
        String path = call.path().get();
        int query = path.indexOf('?');
        MockHttpServletRequest request = new MockHttpServletRequest(call.method(), query < 0 ? path : path.substring(0, query));
        if (call.contentType() != null) {
            request.setContentType(call.contentType());
        }
        if (path.endsWith("/live")) {
            request.addHeader("Accept", "text/event-stream");
        }
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mappings.getHandler(request);
        assertThat(chain).as("a handler for " + call.method() + " " + path).isNotNull();
        return (HandlerMethod) chain.getHandler();
    }
}
