package com.goafwatch.support;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hand-made acceptance phase of the acceptance, forecast and workbench tests: two 100 m monitoring parcels side by
 * side in phase 1 (A at E0/N0, B east of it), with the boreholes, QA tests, marker and levelling each test adds.
 */
public record AcceptancePhase(HttpApi api, long projectId, long phaseId, long parcelA, long parcelB) {

    public static AcceptancePhase create(HttpApi api, Fixtures fixtures, JdbcClient jdbc, String codePrefix) {
        long projectId = fixtures.project(Fixtures.uniqueCode(codePrefix));
        long phaseId = fixtures.phase(projectId, 1);
        assertThat(fixtures.importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("A", 1, "Polygon", square(E0, N0, 100)).replace("\"landUse\"", "\"status\": \"monitoring\", \"landUse\""),
                feature("B", 1, "Polygon", square(E0 + 100, N0, 100)).replace("\"landUse\"", "\"status\": \"monitoring\", \"landUse\"")))
                .status()).isEqualTo(200);
        return new AcceptancePhase(api, projectId, phaseId, parcelId(jdbc, projectId, "A"), parcelId(jdbc, projectId, "B"));
    }

    private static long parcelId(JdbcClient jdbc, long projectId, String code) {
        return jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = ?").param(projectId).param(code).query(Long.class).single();
    }

    /**
     * Parcel A grouted through G1–G3 (300, 150 and 120 m³; G3 lies in B) {@code daysAgo} days ago, check hole K1 in A with
     * one passing core test (10.5 MPa), marker M-A in A levelled every 5 days for 210 days at 0.01 mm/d (quiet).
     */
    public AcceptancePhase groutedAndQuiet(int daysAgo) {
        String grouted = Instant.now().minus(daysAgo, ChronoUnit.DAYS).toString().substring(0, 10);
        boreholes(String.format(Locale.ROOT, """
                G1,grouting,%.1f,%.1f,80,%s,300,0.3
                G2,grouting,%.1f,%.1f,80,%s,150,0.3
                G3,grouting,%.1f,%.1f,80,%s,120,0.3
                K1,check,%.1f,%.1f,80,,,
                """, E0 + 20, N0 + 20, grouted, E0 + 70, N0 + 70, grouted, E0 + 150, N0 + 50, grouted, E0 + 45, N0 + 45));
        var qa = api.postBytes("/api/v1/projects/" + projectId + "/qa-tests/import", "text/csv", """
                code,type,borehole,tested_on,core_strength_mpa
                Q1,core_strength,K1,2025-01-01,10.5
                """.getBytes());
        assertThat(qa.status()).as(qa.toString()).isEqualTo(200);
        markerInA();
        StringBuilder lp = new StringBuilder();
        Instant start = Instant.now().minus(210, ChronoUnit.DAYS);
        for (int d = 0; d <= 210; d += 5) { // 0.01 mm/d: quiet
            lp.append(String.format(Locale.ROOT, "settlement,sensor=M-A settlement_mm=%.3f %d%n", 12 + d * 0.01,
                    start.plus(d, ChronoUnit.DAYS).toEpochMilli() * 1_000_000L));
        }
        lineProtocol(lp.toString());
        return this;
    }

    /** Rows of the borehole CSV (code,type,easting,northing,measured_depth_m,grouted_on,grout_take_m3,waste_share) in EPSG:4548. */
    public void boreholes(String rows) {
        var holes = api.postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", "text/csv",
                ("code,type,easting,northing,measured_depth_m,grouted_on,grout_take_m3,waste_share\n" + rows).getBytes());
        assertThat(holes.status()).as(holes.toString()).isEqualTo(200);
    }

    /** Settlement marker M-A in the middle of parcel A. */
    public void markerInA() {
        var m = api.postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "M-A", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", E0 + 50, N0 + 50));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
    }

    /** Readings through the line-protocol API (accepted, then spooled: the caller waits for the drain). */
    public void lineProtocol(String lines) {
        var ingest = api.postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain", lines.getBytes());
        assertThat(ingest.status()).as(ingest.toString()).isEqualTo(202);
    }
}
