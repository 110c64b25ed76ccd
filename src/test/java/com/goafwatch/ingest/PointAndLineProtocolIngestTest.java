package com.goafwatch.ingest;

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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/** Line protocol and JSON readings end to end, and their bad inputs. */
class PointAndLineProtocolIngestTest extends IntegrationTest {

    private long projectId;
    private long cableId;
    private long markerId;
    private long tiltId;
    private long parcelA;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("LP"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("A", 1, "Polygon", square(E0, N0, 100))))
                .status()).isEqualTo(200);
        parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        cableId = fixtures().trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 400);
        markerId = sensor("SM-01", "settlement-marker", E0 + 50, N0 + 50, 35.000);
        tiltId = sensor("TM-01", "tiltmeter", E0 + 500, N0 + 500, null);
    }

    private long sensor(String code, String type, double e, double n, Double baseline) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "%s", "type": "%s", "baselineElevationM": %s},
                 "geometry": {"type": "Point", "coordinates": [%f, %f]}}""".formatted(code, type, baseline, e, n));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private HttpApi.Response lineProtocol(String query, String body) {
        return api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol" + query, "text/plain", body.getBytes());
    }

    @Test
    void markersTakeTheParcelTheyStandIn() {
        var marker = api().get("/api/v1/sensors/" + markerId);
        assertThat(((Number) marker.json("$.parcelId")).longValue()).isEqualTo(parcelA);
        assertThat((Object) api().get("/api/v1/sensors/" + tiltId).json("$.parcelId")).isNull();
    }

    @Test
    void lineProtocolOfFiberSettlementAndSensorsArrives() {
        long ns = t0.toEpochMilli() * 1_000_000L;
        String body = """
                # gateway batch
                fiber_strain,cable=T-1 distance_m=60.0,strain_ue=120.5,temperature_c=15.0 %d
                fiber_strain,cable=T-1 distance_m=61.0,strain_ue=121.5,temperature_c=16.0 %d
                settlement,sensor=SM-01 settlement_mm=4.25 %d
                settlement,sensor=SM-01 elevation_m=34.990 %d
                sensor_reading,sensor=TM-01 value=0.75 %d
                """.formatted(ns, ns, ns, ns + 86_400_000_000_000L, ns);
        var r = lineProtocol("", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat((Integer) r.json("$.fiberSamples")).isEqualTo(2);
        assertThat((Integer) r.json("$.pointReadings")).isEqualTo(3);
        awaitDrained();
        TestInflux influx = TestInflux.get();
        assertThat(influx.count("strain_ue", "fiber_strain", "cable = '" + cableId + "' AND parcel = '" + parcelA + "'")).isEqualTo(2);
        String temp = influx.query("goafwatch", "SELECT strain_ue FROM fiber_strain WHERE cable = '" + cableId + "' AND pos = '61.000'");
        assertThat(((Number) com.jayway.jsonpath.JsonPath.read(temp, "$.results[0].series[0].values[0][1]")).doubleValue())
                .isCloseTo(121.5 - 20, within(1e-9));
        String settlement = influx.query("goafwatch", "SELECT settlement_mm FROM settlement WHERE sensor = '" + markerId + "' ORDER BY time");
        List<Number> mm = com.jayway.jsonpath.JsonPath.read(settlement, "$.results[0].series[0].values[*][1]");
        assertThat(mm).hasSize(2);
        assertThat(mm.get(0).doubleValue()).isEqualTo(4.25);
        assertThat(mm.get(1).doubleValue()).isCloseTo(10.0, within(1e-6));
        assertThat(influx.count("value", "sensor_reading", "sensor = '" + tiltId + "' AND type = 'tiltmeter'")).isEqualTo(1);

        var series = api().get("/api/v1/sensors/" + markerId + "/settlement?from=" + t0.minusSeconds(1) + "&to=" + Instant.now());
        assertThat(series.status()).as(series.toString()).isEqualTo(200);
        assertThat(((Number) series.json("$.readings[1].rateMmPerDay")).doubleValue()).isCloseTo(5.75, within(1e-6));
        assertThat(((Number) series.json("$.fittedRateMmPerDay")).doubleValue()).isCloseTo(5.75, within(1e-6));
        assertThat(((Number) series.json("$.latestSettlementMm")).doubleValue()).isCloseTo(10.0, within(1e-6));
    }

    @Test
    void jsonReadingsArriveAndAreValidated() {
        var ok = api().postJson("/api/v1/projects/" + projectId + "/ingest/readings", """
                {"readings": [{"sensor": "SM-01", "time": "%s", "settlementMm": 1.5},
                              {"sensor": "SM-01", "time": "%s", "elevationM": 34.997},
                              {"sensor": "TM-01", "time": "%s", "value": -0.4}]}""".formatted(t0, t0.plusSeconds(3600), t0));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
        awaitDrained();
        assertThat(TestInflux.get().count("settlement_mm", "settlement", "sensor = '" + markerId + "'")).isEqualTo(2);

        var bad = api().postJson("/api/v1/projects/" + projectId + "/ingest/readings", """
                {"readings": [{"sensor": "SM-99", "time": "%s", "settlementMm": 1},
                              {"sensor": "SM-01", "time": "not a time", "settlementMm": 1},
                              {"sensor": "SM-01", "time": "%s", "settlementMm": "deep"},
                              {"sensor": "TM-01", "time": "%s", "settlementMm": 2},
                              {"sensor": "SM-01", "time": "%s", "settlementMm": 99999}]}""".formatted(t0, t0, t0, t0.plusSeconds(60)));
        assertThat(bad.status()).isEqualTo(422);
        List<String> reasons = bad.json("$.errors[*].reason");
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(0)).contains("unknown sensor 'SM-99'");
        assertThat(reasons.get(1)).contains("not ISO-8601");
        assertThat(reasons.get(2)).contains("must be a number");
        assertThat(reasons.get(3)).contains("not a settlement marker");
        assertThat(reasons.get(4)).contains("out of range");
        assertThat(api().postJson("/api/v1/projects/" + projectId + "/ingest/readings", "{\"readings\": [").status()).isEqualTo(400);
        assertThat(api().postJson("/api/v1/projects/" + projectId + "/ingest/readings", "{\"values\": []}").status()).isEqualTo(400);
        awaitDrained();
        assertThat(TestInflux.get().count("settlement_mm", "settlement", "sensor = '" + markerId + "'")).isEqualTo(2);
    }

    @Test
    void badLineProtocolIsRefusedWholeWithLineNumbers() {
        long ms = t0.toEpochMilli();
        String body = String.join("\n",
                "fiber_strain,cable=T-1 distance_m=60.0,strain_ue=1.0,temperature_c=15 " + ms,
                "weather,station=W1 rain_mm=3 " + ms,
                "fiber_strain,cable=T-9 distance_m=60.0,strain_ue=1.0 " + ms,
                "fiber_strain,cable=T-1 distance_m=60.0,strain_ue=\"high\" " + ms,
                "fiber_strain,cable=T-1 distance_m=60.0,strain_ue=1.0,temperature_c=15",
                "settlement,sensor=SM-01 settlement_mm=1,colour=2 " + ms,
                "fiber_strain,cable=T-1 distance_m=60.0,strain_ue=2.0,temperature_c=15 " + ms,
                "fiber_strain,cable=T-1 distance_m=999.0,strain_ue=2.0,temperature_c=15 " + ms,
                "settlement,sensor=SM-01 settlement_mm=1 9999999999999",
                "garbage");
        var r = lineProtocol("?precision=ms", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat((List<Integer>) r.json("$.errors[*].line")).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
        List<String> reasons = r.json("$.errors[*].reason");
        assertThat(reasons.get(0)).contains("unknown measurement 'weather'");
        assertThat(reasons.get(1)).contains("unknown cable 'T-9'");
        assertThat(reasons.get(2)).contains("is a string");
        assertThat(reasons.get(3)).contains("timestamp required");
        assertThat(reasons.get(4)).contains("unknown field 'colour'");
        assertThat(reasons.get(5)).contains("duplicate sample");
        assertThat(reasons.get(6)).contains("past the fiber length");
        assertThat(reasons.get(7)).contains("in the future");
        assertThat(lineProtocol("?precision=h", "x").status()).isEqualTo(400);
        assertThat(lineProtocol("", "").status()).isEqualTo(422);
        awaitDrained();
        assertThat(TestInflux.get().count("strain_ue", "fiber_strain", "cable = '" + cableId + "'")).isZero();
    }

    @Test
    void escapedLineProtocolNamesCannotInjectTagsOrLines() {
        // a sensor code cannot smuggle tags: the escaped comma and space stay part of the (unknown) name
        var r = lineProtocol("?precision=ms", "settlement,sensor=SM-01\\,parcel\\=1\\ x settlement_mm=1 " + t0.toEpochMilli());
        assertThat(r.status()).isEqualTo(422);
        assertThat((String) r.json("$.errors[0].reason")).contains("unknown sensor 'SM-01,parcel=1 x'");
    }
}
