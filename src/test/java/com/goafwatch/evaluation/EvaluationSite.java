package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;

/**
 * A small site for scripted evaluations: parcels A (E0..E0+100) and B (E0+100..E0+200) of phase 1, trench
 * cable T-1 along N0+50 from E0−50 (fiber distance = chainage; A at 50–150 m, B at 150–250 m), coupling 0.4.
 * Traces are written through the line-protocol API at 16 °C, where the service removes 20 µε of thermal
 * strain, so a ground strain g is sent as 0.4 g + 20.
 */
public final class EvaluationSite {

    public final HttpApi api;
    public final long projectId;
    public final long phaseId;
    public final long parcelA;
    public final long parcelB;

    public EvaluationSite(HttpApi api, Fixtures fixtures, org.springframework.jdbc.core.simple.JdbcClient jdbc, String prefix) {
        this.api = api;
        projectId = fixtures.project(Fixtures.uniqueCode(prefix));
        phaseId = fixtures.phase(projectId, 1);
        var r = fixtures.importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("A", 1, "Polygon", square(E0, N0, 100)),
                feature("B", 1, "Polygon", square(E0 + 100, N0, 100))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'A'").param(projectId).query(Long.class).single();
        parcelB = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'B'").param(projectId).query(Long.class).single();
    }

    /** The same site seen through another client (e.g. a service started on its own). */
    EvaluationSite(HttpApi api, EvaluationSite site) {
        this.api = api;
        projectId = site.projectId;
        phaseId = site.phaseId;
        parcelA = site.parcelA;
        parcelB = site.parcelB;
    }

    public void cable() {
        new Fixtures(api).trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 300);
    }

    public long rule(String json) {
        var r = api.postJson("/api/v1/projects/" + projectId + "/rules", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    /** One trace: ground strain 0 everywhere except {@code peak} at fiber distance {@code at} (half of it 2 m either side). */
    public String trace(Instant time, double at, double peak) {
        StringBuilder lp = new StringBuilder();
        long ns = time.toEpochMilli() * 1_000_000L;
        for (int d = 0; d <= 300; d += 2) {
            double g = d == at ? peak : Math.abs(d - at) == 2 ? peak / 2 : 0;
            lp.append(String.format(Locale.ROOT, "fiber_strain,cable=T-1 distance_m=%d,strain_ue=%.4f,temperature_c=16 %d%n", d,
                    0.4 * g + 20, ns));
        }
        return lp.toString();
    }

    /**
     * One trace with ground strain {@code ground(d)} and temperature {@code temperature(d)} at every 2 m; the
     * raw reading adds the apparent thermal strain the service removes (20 µε/°C above the 15 °C baseline).
     */
    public String trace(Instant time, java.util.function.IntToDoubleFunction ground, java.util.function.IntToDoubleFunction temperature) {
        StringBuilder lp = new StringBuilder();
        long ns = time.toEpochMilli() * 1_000_000L;
        for (int d = 0; d <= 300; d += 2) {
            double t = temperature.applyAsDouble(d);
            lp.append(String.format(Locale.ROOT, "fiber_strain,cable=T-1 distance_m=%d,strain_ue=%.4f,temperature_c=%.2f %d%n", d,
                    0.4 * ground.applyAsDouble(d) + 20 * (t - 15), t, ns));
        }
        return lp.toString();
    }

    public void send(String lineProtocol) {
        var r = api.postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain", lineProtocol.getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    /** A marker levelled daily, as the scripted series here are (the type default would be half-monthly). */
    public long marker(String code, double e, double n) {
        return marker(code, e, n, 86_400);
    }

    /** @param readingIntervalSeconds 0: none of its own (it inherits the project's levelling interval) */
    public long marker(String code, double e, double n, long readingIntervalSeconds) {
        String interval = readingIntervalSeconds > 0 ? ", \"readingIntervalSeconds\": " + readingIntervalSeconds : "";
        var r = api.postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"%s},
                 "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", code, interval, e, n));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    public String settlement(String marker, Instant time, double mm) {
        return String.format(Locale.ROOT, "settlement,sensor=%s settlement_mm=%.4f %d%n", marker, mm, time.toEpochMilli() * 1_000_000L);
    }
}
