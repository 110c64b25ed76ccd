package com.goafwatch.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/**
 * 3-D survey readings through the API into InfluxDB and back: displacements checked against hand-computed
 * millimetres, every bad row refused by line with nothing stored.
 */
class SurveyImportTest extends IntegrationTest {

    private long project;
    private long sm1;
    private long sm2;

    @BeforeEach
    void site() {
        project = fixtures().project(Fixtures.uniqueCode("SURV"));
        sm1 = marker("SM-1", 454_050, 3_924_050);
        sm2 = marker("SM-2", 454_080, 3_924_020);
    }

    @Test
    void csvAndJsonReadingsGiveDisplacementsFromTheFirstSurvey() {
        String csv = """
                sensor,time,easting_m,northing_m,height_m
                SM-1,2026-05-01T09:00:00+08:00,454050.1234,3924049.8765,35.0000
                SM-1,2026-05-16T09:00:00+08:00,454050.1264,3924049.8805,34.9975
                SM-1,2026-05-31T09:00:00+08:00,454050.1174,3924049.8685,34.9950
                """;
        assertThat(post("text/csv", csv).status()).isEqualTo(202);
        String json = """
                {"readings": [{"sensor": "SM-2", "time": "2026-05-01T10:00:00+08:00", "eastingM": 454080.0000, "northingM": 3924020.0000, "heightM": 34.5},
                              {"sensor": "SM-2", "time": "2026-05-16T10:00:00+08:00", "eastingM": 454079.9960, "northingM": 3924020.0000, "heightM": 34.5}]}""";
        assertThat(post("application/json", json).status()).isEqualTo(202);
        awaitDrained();

        HttpApi.Response one = api().get("/api/v1/sensors/" + sm1 + "/displacement?from=2026-04-01T00:00:00Z&to=2026-07-01T00:00:00Z");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat((String) one.json("$.crs")).isEqualTo("EPSG:4548");
        assertThat((String) one.json("$.baseline.time")).isEqualTo("2026-05-01T01:00:00Z");
        List<Map<String, Object>> r = one.json("$.readings");
        assertThat(r).hasSize(3);
        // +3 mm east, +4 mm north, 2.5 mm down: 5 mm at atan(3/4) east of north; then -6/-8: 10 mm at 180° + 36.87°
        expect(r.get(0), 0, 0, 0, null, 0);
        expect(r.get(1), 3.0, 4.0, 5.0, 36.86989765, -2.5);
        expect(r.get(2), -6.0, -8.0, 10.0, 216.86989765, -5.0);
        List<Map<String, Object>> two = api().get("/api/v1/sensors/" + sm2 + "/displacement?from=2026-04-01T00:00:00Z&to=2026-07-01T00:00:00Z")
                .json("$.readings");
        expect(two.get(1), -4.0, 0, 4.0, 270.0, 0);
        // what InfluxDB holds, asked directly
        assertThat(TestInflux.get().count("horizontal_mm", "survey", "sensor = '" + sm1 + "'")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM survey_baseline WHERE sensor_id IN (?, ?)").params(sm1, sm2).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void everyBadRowIsNamedAndNothingIsStored() {
        assertThat(post("text/csv", "sensor,time,easting_m,northing_m,height_m\nSM-1,2026-05-01T09:00:00+08:00,454050.0,3924050.0,35.0\n")
                .status()).isEqualTo(202);
        awaitDrained();
        String csv = """
                sensor,time,easting_m,northing_m,height_m
                SM-9,2026-05-02T09:00:00+08:00,454050.0,3924050.0,35.0
                SM-1,2026-05-02T09:00:00+08:00,3924050.0,454050.0,35.0
                SM-1,2026-05-03T09:00:00+08:00,abc,3924050.0,35.0
                SM-1,2026-05-04T09:00:00+08:00,454050.001,3924050.0,35.0
                SM-1,2026-05-04T09:00:00+08:00,454050.002,3924050.0,35.0
                SM-1,2026-04-20T09:00:00+08:00,454050.0,3924050.0,35.0
                SM-1,2026-05-05T09:00:00+08:00,454052.5,3924050.0,35.0
                SM-2,2026-05-05T09:00:00+08:00,454080.0,3924020.0,35.0
                """;
        HttpApi.Response refused = post("text/csv", csv);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(((Number) refused.json("$.errorCount")).intValue()).isEqualTo(6);
        List<Map<String, Object>> errors = refused.json("$.errors");
        Map<Integer, String> byLine = new java.util.TreeMap<>();
        errors.forEach(e -> byLine.put(((Number) e.get("line")).intValue(), (String) e.get("reason")));
        assertThat(byLine.keySet()).containsExactly(2, 3, 4, 6, 7, 8);
        assertThat(byLine.get(2)).contains("unknown marker 'SM-9'");
        assertThat(byLine.get(3)).contains("look swapped");
        assertThat(byLine.get(4)).contains("easting_m 'abc' is not a number");
        assertThat(byLine.get(6)).contains("surveyed twice").contains("first on 5");
        assertThat(byLine.get(7)).contains("earlier than its survey baseline");
        assertThat(byLine.get(8)).contains("2500.0 mm east").contains("max-displacement-mm");
        awaitDrained();
        // SM-2's valid row went nowhere either: no baseline, no reading
        assertThat(jdbc.sql("SELECT count(*) FROM survey_baseline WHERE sensor_id = ?").param(sm2).query(Long.class).single()).isZero();
        assertThat(TestInflux.get().count("horizontal_mm", "survey", "sensor = '" + sm1 + "' OR sensor = '" + sm2 + "'")).isEqualTo(1);

        HttpApi.Response header = post("text/csv", "sensor,time,x,y,z\nSM-1,2026-05-02T09:00:00+08:00,1,2,3\n");
        assertThat(header.status()).isEqualTo(422);
        assertThat((String) header.json("$.errors[0].reason")).contains("easting_m,northing_m,height_m");
        HttpApi.Response json = post("application/json", "{\"readings\": [{\"sensor\": \"SM-1\", \"time\": \"2026-05-02T09:00:00+08:00\", "
                + "\"eastingM\": \"454050\", \"northingM\": 3924050, \"heightM\": 35}]}");
        assertThat(json.status()).isEqualTo(422);
        assertThat((String) json.json("$.errors[0].reason")).contains("eastingM must be a number");
        assertThat((Integer) json.json("$.errors[0].line")).isZero();
    }

    private static void expect(Map<String, Object> reading, double eastMm, double northMm, double horizontalMm, Double azimuthDeg,
            double heightChangeMm) {
        assertThat(((Number) reading.get("eastMm")).doubleValue()).isCloseTo(eastMm, within(1e-6));
        assertThat(((Number) reading.get("northMm")).doubleValue()).isCloseTo(northMm, within(1e-6));
        assertThat(((Number) reading.get("horizontalMm")).doubleValue()).isCloseTo(horizontalMm, within(1e-6));
        assertThat(((Number) reading.get("heightChangeMm")).doubleValue()).isCloseTo(heightChangeMm, within(1e-6));
        if (azimuthDeg == null) {
            assertThat(reading.get("azimuthDeg")).isNull();
        } else {
            assertThat(((Number) reading.get("azimuthDeg")).doubleValue()).isCloseTo(azimuthDeg, within(1e-4));
        }
    }

    private HttpApi.Response post(String type, String body) {
        return api().postBytes("/api/v1/projects/" + project + "/ingest/survey", type, body.getBytes(StandardCharsets.UTF_8));
    }

    private long marker(String code, double e, double n) {
        HttpApi.Response r = api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(code, e, n));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }
}
