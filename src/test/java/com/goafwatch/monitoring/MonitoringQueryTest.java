package com.goafwatch.monitoring;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Profiles, histories and parcel statistics over data with known values: 10 hourly traces on trench T-1
 * (parcel A at chainage 50-150), distance 0..300 m, compensated strain = trace index × 10 + d / 100 µε.
 */
class MonitoringQueryTest extends IntegrationTest {

    private static final int TRACES = 10;
    private long projectId;
    private long cableId;
    private long parcelA;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(12, ChronoUnit.HOURS);

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("MON"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("A", 1, "Polygon", square(E0, N0, 100))))
                .status()).isEqualTo(200);
        parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        cableId = fixtures().trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 400);
        StringBuilder csv = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        for (int k = 0; k < TRACES; k++) {
            for (int d = 0; d <= 300; d += 2) {
                // 16 °C: the service removes 20 µε of apparent thermal strain
                csv.append(t0.plus(k, ChronoUnit.HOURS)).append(',').append(d).append(',').append(k * 10 + d / 100.0 + 20).append(",16\n");
            }
        }
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=T-1", "text/csv", csv.toString().getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
    }

    @Test
    void profileAtTheNearestTraceWithCoordinatesAndParcels() {
        // 20 minutes after trace 3: trace 3 is nearer than trace 4
        var r = api().get("/api/v1/cables/" + cableId + "/profile?time=" + t0.plus(3, ChronoUnit.HOURS).plus(20, ChronoUnit.MINUTES));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((String) r.json("$.traceTime")).isEqualTo(t0.plus(3, ChronoUnit.HOURS).toString());
        List<Map<String, Object>> samples = r.json("$.samples");
        assertThat(samples).hasSize(151);
        Map<String, Object> at100 = samples.get(50);
        assertThat(((Number) at100.get("distanceM")).doubleValue()).isEqualTo(100.0);
        assertThat(((Number) at100.get("strainUe")).doubleValue()).isCloseTo(31.0, within(1e-9));
        assertThat(((Number) at100.get("rawStrainUe")).doubleValue()).isCloseTo(51.0, within(1e-9));
        assertThat(at100.get("parcel")).isEqualTo(String.valueOf(parcelA));
        Map<String, Object> expected = jdbc.sql("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490) p")
                .params(E0 + 50, N0 + 50).query().singleRow();
        assertThat(((Number) at100.get("lon")).doubleValue()).isCloseTo((Double) expected.get("lon"), within(1e-8));
        assertThat(((Number) at100.get("lat")).doubleValue()).isCloseTo((Double) expected.get("lat"), within(1e-8));
        assertThat(samples.get(0).get("parcel")).isEqualTo("none");

        var empty = api().get("/api/v1/cables/" + cableId + "/profile?time=2001-01-01T00:00:00Z");
        assertThat(((Number) empty.json("$.samples.length()")).intValue()).isEqualTo(151); // nearest is the first trace
        assertThat(api().get("/api/v1/cables/" + cableId + "/profile?time=yesterday").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/cables/999999999/profile").status()).isEqualTo(404);
    }

    @Test
    void historyIsDownsampledServerSide() {
        String range = "&from=" + t0 + "&to=" + t0.plus(TRACES, ChronoUnit.HOURS);
        var one = api().get("/api/v1/cables/" + cableId + "/history?distance=100" + range + "&points=5");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        List<Map<String, Object>> buckets = one.json("$.buckets");
        assertThat(buckets).hasSize(5);
        assertThat(((Number) one.json("$.bucketMillis")).longValue()).isEqualTo(2 * 3_600_000L);
        // each 2-hour bucket holds traces 2b and 2b+1 at d=100: strain 20b+1 and 20b+11
        for (int b = 0; b < 5; b++) {
            assertThat(((Number) buckets.get(b).get("minUe")).doubleValue()).isCloseTo(20 * b + 1, within(1e-9));
            assertThat(((Number) buckets.get(b).get("maxUe")).doubleValue()).isCloseTo(20 * b + 11, within(1e-9));
            assertThat(((Number) buckets.get(b).get("count")).intValue()).isEqualTo(2);
        }
        var span = api().get("/api/v1/cables/" + cableId + "/history?distanceFrom=50&distanceTo=150" + range + "&points=1");
        List<Map<String, Object>> all = span.json("$.buckets");
        assertThat(((Number) all.get(0).get("count")).intValue()).isEqualTo(51 * TRACES);
        assertThat(((Number) all.get(0).get("maxUe")).doubleValue()).isCloseTo(90 + 1.5, within(1e-9));
        assertThat(api().get("/api/v1/cables/" + cableId + "/history?distance=100&points=0").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/cables/" + cableId + "/history").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/cables/" + cableId + "/history?distance=100&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .status()).isEqualTo(400);
        var tooLong = api().get("/api/v1/cables/" + cableId + "/history?distance=100&from=1990-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat((String) tooLong.json("$.detail")).contains("goafwatch.limits.max-query-span");
    }

    @Test
    void parcelStrainPerCrossingCable() {
        var r = api().get("/api/v1/parcels/" + parcelA + "/strain?from=" + t0.minusSeconds(1) + "&to=" + Instant.now());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((List<String>) r.json("$.cables[*].cable")).containsExactly("T-1");
        assertThat(((Number) r.json("$.cables[0].samples")).intValue()).isEqualTo(50 * TRACES);
        assertThat(((Number) r.json("$.cables[0].minUe")).doubleValue()).isCloseTo(0.5, within(1e-9));
        assertThat(((Number) r.json("$.cables[0].maxUe")).doubleValue()).isCloseTo(91.48, within(1e-9));
        assertThat(((Number) r.json("$.cables[0].maxAbsUe")).doubleValue()).isCloseTo(91.48, within(1e-9));
        List<Number> interval = r.json("$.cables[0].fiberIntervalsM[0]");
        assertThat(interval.get(0).doubleValue()).isCloseTo(50.0, within(1e-6));
        assertThat(interval.get(1).doubleValue()).isCloseTo(150.0, within(1e-6));
        assertThat(api().get("/api/v1/parcels/999999999/strain").status()).isEqualTo(404);
    }
}
