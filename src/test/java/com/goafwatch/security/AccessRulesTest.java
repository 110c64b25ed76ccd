package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * Endpoint × caller → expected status. Callers: anonymous, viewer and engineer granted project P1, an
 * engineer granted only P2, admin, and an ingest token of P1 bound to cable C1.
 */
class AccessRulesTest extends IntegrationTest {

    private static final List<String> CALLERS = List.of("anonymous", "viewer", "engineer", "other-engineer", "admin", "ingest");
    private static final AtomicInteger SEQ = new AtomicInteger(10);

    private long p1;
    private long c1;
    private long parcel;
    private long phase;
    private long levellingRun;
    private Map<String, HttpApi> as;

    private record Call(String method, String path, String contentType, Supplier<String> body, int... expected) {
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
        String benchmarks = "/api/v1/projects/" + p1 + "/levelling/benchmarks";
        assertThat(api().postJson(benchmarks, "{\"code\": \"BM-A\", \"heightM\": 10.0}").status()).isEqualTo(201);
        assertThat(api().postJson(benchmarks, "{\"code\": \"BM-B\", \"heightM\": 10.1}").status()).isEqualTo(201);
        var run = api().postBytes(levellingRuns(), "text/plain", LEVELLING.getBytes());
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        levellingRun = ((Number) run.json("$.id")).longValue();
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

    private String trace() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(SEQ.incrementAndGet());
        return "timestamp,distance_m,strain_ue,temperature_c\n" + t + ",1,10,15\n";
    }

    @TestFactory
    List<DynamicTest> everyEndpointForEveryCaller() {
        //                                                            anon viewer eng other admin ingest
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/projects/" + p1, null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/api/v1/parcels?project=" + p1, null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/api/v1/parcels/" + parcel, null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/parcels/import?crs=EPSG:4548&mode=upsert", "application/json",
                        () -> Fixtures.collection(Fixtures.feature("B", 1, "Polygon", Fixtures.square(Fixtures.E0 + 200, Fixtures.N0, 50))),
                        401, 403, 200, 403, 200, 403),
                new Call("PUT", "/api/v1/cables/" + c1 + "/calibration", "application/json", () -> "{\"points\": []}",
                        401, 403, 200, 403, 200, 403),
                new Call("GET", "/api/v1/cables/" + c1, null, null, 401, 200, 200, 403, 200, 200),
                new Call("GET", "/api/v1/projects/" + p1 + "/cables", null, null, 401, 200, 200, 403, 200, 200),
                new Call("POST", "/api/v1/projects/" + p1 + "/ingest/traces?cable=C1", "text/csv", this::trace,
                        401, 403, 202, 403, 202, 202),
                new Call("POST", "/api/v1/projects/" + p1 + "/ingest/traces?cable=C2", "text/csv", this::trace,
                        401, 403, 202, 403, 202, 403),
                new Call("GET", "/api/v1/ingest/status", null, null, 401, 200, 200, 200, 200, 200),
                new Call("GET", "/api/v1/cables/" + c1 + "/brillouin", null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/cables/" + c1 + "/brillouin/coefficients", "application/json",
                        () -> "{\"strainMhzPerUe\": 0.05, \"temperatureMhzPerC\": 1.0}", 401, 403, 201, 403, 201, 403),
                new Call("POST", "/api/v1/cables/" + c1 + "/brillouin/references", "text/csv",
                        () -> "timestamp,distance_m,shift_mhz\n2026-03-01T08:00:00+08:00,1,10851.0\n", 401, 403, 201, 403, 201, 403),
                new Call("GET", "/api/v1/projects/" + p1 + "/levelling/benchmarks", null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/levelling/benchmarks", "application/json",
                        () -> "{\"code\": \"BM-" + SEQ.incrementAndGet() + "\", \"heightM\": 35.0}", 401, 403, 201, 403, 201, 403),
                new Call("POST", levellingRuns(), "text/plain", () -> "not a raw levelling file\n", 401, 403, 422, 403, 422, 403),
                new Call("GET", "/api/v1/projects/" + p1 + "/levelling/runs", null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/api/v1/levelling-runs/" + levellingRun, null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/api/v1/levelling-runs/999999999", null, null, 401, 404, 404, 404, 404, 403),
                new Call("POST", "/api/v1/projects", "application/json",
                        () -> "{\"code\": \"" + Fixtures.uniqueCode("NEW") + "\", \"name\": \"n\"}", 401, 403, 403, 403, 201, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/phases", "application/json",
                        () -> "{\"ordinal\": " + (SEQ.incrementAndGet() % 90 + 5) + ", \"name\": \"n\"}", 401, 403, 403, 403, 201, 403),
                new Call("DELETE", "/api/v1/parcels/999999999", null, null, 401, 403, 404, 404, 404, 403),
                new Call("GET", "/api/v1/audit?project=" + p1, null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/rules", "application/json", () -> "{\"name\": \"r\", \"metric\": "
                        + "\"settlement\", \"statistic\": \"max\", \"windowSeconds\": 60, \"unit\": \"mm\", \"red\": 30}",
                        401, 403, 201, 403, 201, 403),
                new Call("GET", "/api/v1/parcels/" + parcel + "/effective-rules", null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/parcels/" + parcel + "/baselines", "application/json", () -> "{\"metric\": \"settlement\"}",
                        401, 403, 201, 403, 201, 403),
                new Call("GET", "/api/v1/parcels/" + parcel + "/flags", null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/api/v1/projects/" + p1 + "/flag-summary", null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/evaluate", null, null, 401, 403, 200, 403, 200, 403),
                new Call("GET", "/api/v1/alerts?project=" + p1, null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/api/v1/alerts/999999999", null, null, 401, 404, 404, 404, 404, 403),
                new Call("POST", "/api/v1/alerts/999999999/acknowledge", "application/json", () -> "{}", 401, 403, 404, 404, 404, 403),
                new Call("GET", "/api/v1/projects/" + p1 + "/notification-channels", null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/notification-channels", "application/json",
                        () -> "{\"name\": \"office\", \"kind\": \"webhook\", \"url\": \"http://127.0.0.1:9/hook\"}",
                        401, 403, 403, 403, 201, 403),
                new Call("DELETE", "/api/v1/notification-channels/999999999", null, null, 401, 403, 403, 403, 404, 403),
                new Call("GET", "/tiles/parcels/10/843/404.mvt?project=" + p1, null, null, 401, 200, 200, 403, 200, 403),
                new Call("GET", "/ogcapi/collections/parcels/items", null, null, 401, 200, 200, 200, 200, 403),
                new Call("GET", "/api/v1/session", null, null, 401, 200, 200, 200, 200, 403),
                new Call("GET", "/api/v1/projects/" + p1 + "/boreholes", null, null, 401, 200, 200, 403, 200, 403),
                new Call("POST", "/api/v1/projects/" + p1 + "/boreholes/import?crs=EPSG:4548&mode=upsert", "text/csv",
                        () -> "code,type,easting,northing,measured_depth_m,grout_take_m3\nACL-1,grouting,454010,3924010,60,10\n",
                        401, 403, 200, 403, 200, 403),
                new Call("PUT", "/api/v1/qa-tests/999999999", "application/json", () -> "{}", 401, 403, 404, 404, 404, 403),
                new Call("GET", "/api/v1/phases/" + phase + "/acceptance", null, null, 401, 200, 200, 403, 200, 403),
                new Call("PUT", "/api/v1/projects/" + p1 + "/acceptance-criteria", "application/json", () -> "{}", 401, 403, 403, 403, 200, 403),
                new Call("POST", "/api/v1/parcels/" + parcel + "/acceptance-decision", "application/json",
                        () -> "{\"decision\": \"accepted\", \"comment\": \"c\"}", 401, 403, 403, 403, 409, 403),
                new Call("POST", "/api/v1/phases/" + phase + "/reports?format=json", null, null, 401, 403, 201, 403, 201, 403),
                new Call("POST", "/api/v1/reports/verify", "application/pdf", () -> "%PDF-1.4", 401, 200, 200, 200, 200, 403),
                new Call("GET", "/api/v1/admin/users", null, null, 401, 403, 403, 403, 200, 403),
                new Call("POST", "/api/v1/admin/tokens", "application/json", () -> "{\"name\": \"t\", \"role\": \"viewer\"}",
                        401, 403, 403, 403, 201, 403));
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : calls) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                int expected = call.expected()[i];
                tests.add(DynamicTest.dynamicTest(call.method() + " " + call.path() + " as " + caller + " → " + expected, () -> {
                    var r = as.get(caller).send(call.method(), call.path(), call.contentType(),
                            call.body() == null ? null : call.body().get().getBytes());
                    assertThat(r.status()).as(r.toString()).isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(r.contentType()).startsWith("application/problem+json");
                    }
                }));
            }
        }
        return tests;
    }
}
