package com.goafwatch.fiber;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Hand-made geometry with known answers: parcels A = [E0, E0+100] and B = [E0+100, E0+200] (100 m squares),
 * a straight 300 m trench from E0-50 to E0+250 at N0+50, so chainage 50-150 lies in A and 150-250 in B.
 */
class CableApiTest extends IntegrationTest {

    private long projectId;
    private long cableId;
    private long parcelA;
    private long parcelB;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("CAB"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("A", 1, "Polygon", square(E0, N0, 100)), feature("B", 1, "Polygon", square(E0 + 100, N0, 100)))).status())
                .isEqualTo(200);
        parcelA = parcelId("A");
        parcelB = parcelId("B");
        cableId = fixtures().trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 400);
    }

    private long parcelId(String code) {
        return jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = ?").params(projectId, code).query(Long.class).single();
    }

    @Test
    void identityCalibrationSplitsTheRouteByParcel() {
        var cable = api().get("/api/v1/cables/" + cableId);
        assertThat(cable.status()).isEqualTo(200);
        assertThat(((Number) cable.json("$.properties.routeLengthM")).doubleValue()).isCloseTo(300, within(0.001));
        assertThat(intervals(cable.body())).containsExactly("0.0-50.0:null", "50.0-150.0:A", "150.0-250.0:B", "250.0-300.0:null");
    }

    @Test
    void calibrationWithLeadInAndSlackLoopMovesTheIntervals() {
        var r = api().putJson("/api/v1/cables/" + cableId + "/calibration", """
                {"points": [{"fiberDistanceM": 20, "chainageM": 0, "note": "trench entry, heat test"},
                            {"fiberDistanceM": 120, "chainageM": 100}, {"fiberDistanceM": 130, "chainageM": 100, "note": "slack loop"},
                            {"fiberDistanceM": 330, "chainageM": 300}]}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(intervals(r.body())).containsExactly("20.0-70.0:null", "70.0-120.0:A", "120.0-130.0:A", "130.0-180.0:A",
                "180.0-280.0:B", "280.0-330.0:null");

        assertThat((Boolean) locate(10).get("mapped")).isFalse();
        assertThat(locate(100)).containsEntry("parcelCode", "A");
        assertThat(((Number) locate(100).get("chainageM")).doubleValue()).isCloseTo(80, within(1e-9));
        assertThat(((Number) locate(125).get("chainageM")).doubleValue()).isCloseTo(100, within(1e-9));
        Map<String, Object> at200 = locate(200);
        assertThat(at200).containsEntry("parcelCode", "B");
        assertThat(((Number) at200.get("chainageM")).doubleValue()).isCloseTo(170, within(1e-9));
        Map<String, Object> expected = jdbc.sql("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490) p")
                .params(E0 + 120, N0 + 50).query().singleRow();
        assertThat(((Number) at200.get("lon")).doubleValue()).isCloseTo((Double) expected.get("lon"), within(1e-8));
        assertThat(((Number) at200.get("lat")).doubleValue()).isCloseTo((Double) expected.get("lat"), within(1e-8));
        assertThat((Boolean) locate(331).get("mapped")).isFalse();
    }

    @Test
    void badCalibrationsChangeNothing() {
        var past = api().putJson("/api/v1/cables/" + cableId + "/calibration",
                "{\"points\": [{\"fiberDistanceM\": 0, \"chainageM\": 0}, {\"fiberDistanceM\": 500, \"chainageM\": 350}]}");
        assertThat(past.status()).isEqualTo(422);
        assertThat((List<String>) past.json("$.errors[*].reason")).anySatisfy(s -> assertThat(s).contains("past the fiber length"))
                .anySatisfy(s -> assertThat(s).contains("past the route length"));
        var backwards = api().putJson("/api/v1/cables/" + cableId + "/calibration",
                "{\"points\": [{\"fiberDistanceM\": 10, \"chainageM\": 0}, {\"fiberDistanceM\": 5, \"chainageM\": 50}]}");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat((String) backwards.json("$.errors[0].reason")).contains("strictly increase");
        assertThat(jdbc.sql("SELECT count(*) FROM cable_calibration_point WHERE cable_id = ?").param(cableId).query(Long.class).single()).isZero();
        assertThat(api().putJson("/api/v1/cables/" + cableId + "/calibration", "{\"pts\": []}").status()).isEqualTo(400);
        assertThat(api().putJson("/api/v1/cables/999999999/calibration", "{\"points\": []}").status()).isEqualTo(404);
    }

    @Test
    void reshapingAParcelRefreshesTheIntervalsAndTheLocator() {
        assertThat(locate(120)).containsEntry("parcelCode", "A");
        // B grows west to cover E0+50..E0+200: chainage 100-250 is now B, 50-100 stays A
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548&mode=upsert", collection(
                feature("A", 1, "Polygon", "[[[454000,3924000],[454050,3924000],[454050,3924100],[454000,3924100],[454000,3924000]]]"),
                feature("B", 1, "Polygon", "[[[454050,3924000],[454200,3924000],[454200,3924100],[454050,3924100],[454050,3924000]]]")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(intervals(api().get("/api/v1/cables/" + cableId).body()))
                .containsExactly("0.0-50.0:null", "50.0-100.0:A", "100.0-250.0:B", "250.0-300.0:null");
        assertThat(locate(120)).containsEntry("parcelCode", "B");
        assertThat(api().delete("/api/v1/parcels/" + parcelB).status()).isEqualTo(204);
        assertThat(intervals(api().get("/api/v1/cables/" + cableId).body())).containsExactly("0.0-50.0:null", "50.0-100.0:A", "100.0-300.0:null");
        assertThat(locate(120)).containsEntry("parcelCode", null);
        assertThat(parcelA).isPositive();
    }

    @Test
    void boreholeCableLiesInTheParcelOfItsTop() {
        var r = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "BH-1", "installation": "borehole", "depthM": 180, "fiberLengthM": 400},
                 "geometry": {"type": "Point", "coordinates": [%f, %f]}}""".formatted(E0 + 150, N0 + 50));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        long id = ((Number) r.json("$.id")).longValue();
        assertThat(intervals(api().get("/api/v1/cables/" + id).body())).containsExactly("0.0-180.0:B");
    }

    @Test
    void invalidCablesAreProblems() {
        var crossing = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "X-1", "installation": "trench", "fiberLengthM": 500},
                 "geometry": {"type": "LineString", "coordinates": [[454000,3924000],[454100,3924100],[454100,3924000],[454000,3924100]]}}""");
        assertThat(crossing.status()).isEqualTo(422);
        assertThat((String) crossing.json("$.errors[0].reason")).contains("route crosses itself");
        var wrong = api().postJson("/api/v1/projects/" + projectId + "/cables", """
                {"type": "Feature", "properties": {"code": "X-2", "installation": "pipe", "fiberLengthM": -1, "couplingCoefficient": 3,
                 "compensation": "temperature"}, "geometry": {"type": "Point", "coordinates": [116.5, 35.45]}}""");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat((List<String>) wrong.json("$.errors[*].reason")).hasSizeGreaterThanOrEqualTo(4);
        var dup = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "T-1", "fiberLengthM": 500},
                 "geometry": {"type": "LineString", "coordinates": [[454000,3924000],[454100,3924000]]}}""");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM cable WHERE project_id = ?").param(projectId).query(Long.class).single()).isEqualTo(1);
        assertThat(api().get("/api/v1/cables/" + cableId + "/locate?distance=401").status()).isEqualTo(400);
    }

    private Map<String, Object> locate(double distance) {
        var r = api().get("/api/v1/cables/" + cableId + "/locate?distance=" + distance);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json("$");
    }

    private static List<String> intervals(String body) {
        List<Map<String, Object>> list = com.jayway.jsonpath.JsonPath.read(body, "$.properties.intervals");
        return list.stream().map(i -> ((Number) i.get("fiberFromM")).doubleValue() + "-" + ((Number) i.get("fiberToM")).doubleValue()
                + ":" + i.get("parcelCode")).toList();
    }
}
