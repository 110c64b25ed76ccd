package com.goafwatch.acceptance;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Tilt and curvature through the acceptance API, from markers placed in PostGIS and levelled in InfluxDB: three markers in
 * line across two parcels, settling at known rates, against values worked out by hand; the same for one parcel alone.
 */
@SuppressWarnings("unchecked")
class TiltCurvatureApiTest extends IntegrationTest {

    @Test
    void neighbouringMarkersGiveTiltAndCurvatureAcrossParcels() {
        long project = fixtures().project(Fixtures.uniqueCode("TILT"));
        long phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", collection(feature("A", 1, "Polygon", square(E0, N0, 100)),
                feature("B", 1, "Polygon", square(E0 + 100, N0, 100)))).status()).isEqualTo(200);
        // on one line: M1 (A) —30 m— M2 (A) —40 m— M3 (B)
        marker(project, "M1", E0 + 60);
        marker(project, "M2", E0 + 90);
        marker(project, "M3", E0 + 130);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = at.minus(210, ChronoUnit.DAYS);
        StringBuilder lp = new StringBuilder();
        double[] rate = {0.5, 1.0, 0.25}; // mm/d
        for (int d = 0; d <= 210; d += 5) {
            for (int i = 0; i < 3; i++) {
                lp.append(String.format(Locale.ROOT, "settlement,sensor=M%d settlement_mm=%.3f %d%n", i + 1, rate[i] * d,
                        start.plus(d, ChronoUnit.DAYS).toEpochMilli() * 1_000_000L));
            }
        }
        assertThat(api().postBytes("/api/v1/projects/" + project + "/ingest/line-protocol?precision=ns", "text/plain",
                lp.toString().getBytes()).status()).isEqualTo(202);
        awaitDrained();

        // the six-month window (181–184 days) starts between day 26 and 29: its first reading is day 30, its last day 210, so
        // each marker's settlement over it is 180 × its rate: 90, 180 and 45 mm.
        // tilts: M1–M2 (180 − 90)/30 = 3.0, M2–M3 (45 − 180)/40 = −3.375, M1–M3 (45 − 90)/70 = −0.643 mm/m;
        // curvature at M2: (−3.375 − 3.0) / ((30 + 40)/2) = −0.182 × 10⁻³/m
        var response = api().get("/api/v1/phases/" + phase + "/acceptance?at=" + at);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Map<String, Object>> parcels = response.json("$.parcels");
        Map<String, Object> a = parcels.stream().filter(p -> p.get("code").equals("A")).findFirst().orElseThrow();
        Map<String, Object> b = parcels.stream().filter(p -> p.get("code").equals("B")).findFirst().orElseThrow();

        Map<String, Object> tiltA = criterion(a, "tilt");
        assertThat(tiltA.get("verdict")).isEqualTo("does_not_meet");
        assertThat(((Number) tiltA.get("value")).doubleValue()).isEqualTo(3.375);
        assertThat(((Number) tiltA.get("limit")).doubleValue()).isEqualTo(3.0);
        assertThat((List<Object>) tiltA.get("args")).startsWith("M2", "M3");
        Map<String, Object> curvatureA = criterion(a, "curvature");
        assertThat(curvatureA.get("verdict")).isEqualTo("meets");
        assertThat(((Number) curvatureA.get("value")).doubleValue()).isEqualTo(0.182);
        assertThat(curvatureA.get("unit")).isEqualTo("1/km");
        assertThat((List<Object>) curvatureA.get("args")).containsExactly("M2", "M1", "M3");
        // B holds M3 only: the tilt M2–M3 touches it; the curvature is centred on M2, in A
        assertThat(((Number) criterion(b, "tilt").get("value")).doubleValue()).isEqualTo(3.375);
        assertThat(criterion(b, "curvature").get("value")).isNull();
        assertThat(criterion(b, "curvature").get("message")).isEqualTo("curvature.noTriple");

        // parcel A alone: its neighbours in B are read too, so the values are the phase's
        long parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'A'").param(project).query(Long.class).single();
        var one = api().get("/api/v1/parcels/" + parcelA + "/acceptance"); // now: a few seconds after at, the same readings
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(((Number) criterion(one.json("$"), "tilt").get("value")).doubleValue()).isEqualTo(3.375);
        assertThat(((Number) criterion(one.json("$"), "curvature").get("value")).doubleValue()).isEqualTo(0.182);
    }

    private void marker(long project, String code, double easting) {
        var r = api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", code, easting, N0 + 50));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static Map<String, Object> criterion(Map<String, Object> parcel, String name) {
        return ((List<Map<String, Object>>) parcel.get("criteria")).stream().filter(c -> c.get("criterion").equals(name)).findFirst()
                .orElseThrow();
    }
}
