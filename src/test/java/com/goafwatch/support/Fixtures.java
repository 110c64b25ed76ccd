package com.goafwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Projects, phases and hand-made parcel geometry created through the public API. */
public final class Fixtures {

    /** Origin of hand-made squares in EPSG:4548 (about 116.5E, 35.45N). */
    public static final double E0 = 454_000;
    public static final double N0 = 3_924_000;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final HttpApi api;

    public Fixtures(HttpApi api) {
        this.api = api;
    }

    public static String uniqueCode(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    public long project(String code) {
        var r = api.postJson("/api/v1/projects", """
                {"code": "%s", "name": "Test project %s", "surveyCrs": "EPSG:4548"}""".formatted(code, code));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    public long phase(long projectId, int ordinal) {
        var r = api.postJson("/api/v1/projects/" + projectId + "/phases", """
                {"ordinal": %d, "name": "Phase %d"}""".formatted(ordinal, ordinal));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    /** An axis-aligned square polygon ring in EPSG:4548 metres, counter-clockwise. */
    public static String square(double e, double n, double side) {
        return String.format(Locale.ROOT, "[[[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]",
                e, n, e + side, n, e + side, n + side, e, n + side, e, n);
    }

    public static String feature(String code, int phase, String geometryType, String coordinates) {
        return """
                {"type": "Feature", "properties": {"code": "%s", "phase": %d, "name": "Parcel %s", "landUse": "residential"},
                 "geometry": {"type": "%s", "coordinates": %s}}""".formatted(code, phase, code, geometryType, coordinates);
    }

    public static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",", features) + "]}";
    }

    /** A straight trench cable between two EPSG:4548 points; returns its id. */
    public long trenchCable(long projectId, String code, double e1, double n1, double e2, double n2, double fiberLengthM) {
        var r = api.postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "%s", "installation": "trench", "fiberLengthM": %.3f,
                 "couplingCoefficient": 0.4, "compensation": "temperature", "baselineTemperatureC": 15.0},
                 "geometry": {"type": "LineString", "coordinates": [[%.3f, %.3f], [%.3f, %.3f]]}}""",
                code, fiberLengthM, e1, n1, e2, n2));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    /**
     * Two boreholes near (E0, N0): DH-V vertical; DH-D vertical for 15 m, then turning east (the one directional hole,
     * so the one plan trace, starting where its collar is).
     */
    public void twoBoreholes(long projectId) {
        for (String hole : java.util.List.of("""
                {"code": "DH-V", "type": "check", "easting": %s, "northing": %s, "measuredDepthM": 60}""".formatted(E0 + 30, N0 + 30), """
                {"code": "DH-D", "type": "grouting", "easting": %s, "northing": %s, "measuredDepthM": 120, "groutTakeM3": 80,
                 "stations": [{"mdM": 15, "inclinationDeg": 0, "azimuthDeg": 90}, {"mdM": 93.54, "inclinationDeg": 90, "azimuthDeg": 90}]}"""
                .formatted(E0 + 40, N0 + 40))) {
            var r = api.postJson("/api/v1/projects/" + projectId + "/boreholes?crs=EPSG:4548", hole);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    /**
     * The OGC tests' sample parcels (phases 1 and 2 must exist): G-A and G-B, 100 m squares in phase 1 a kilometre
     * apart, G-C a 200 m square in phase 2, and trench cable GC1 across G-A.
     */
    public void threeParcelsAndCable(long projectId) {
        var r = importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("G-A", 1, "Polygon", square(E0, N0, 100)),
                feature("G-B", 1, "Polygon", square(E0 + 1000, N0, 100)),
                feature("G-C", 2, "Polygon", square(E0 + 2000, N0 + 2000, 200))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        trenchCable(projectId, "GC1", E0, N0 + 50, E0 + 100, N0 + 50, 150);
    }

    public HttpApi.Response importGeoJson(long projectId, String query, String body) {
        return api.postJson("/api/v1/projects/" + projectId + "/parcels/import" + query, body);
    }
}
