package com.goafwatch.parcel;

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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

class ParcelImportTest extends IntegrationTest {

    private long projectId;

    @BeforeEach
    void project() {
        projectId = fixtures().project(Fixtures.uniqueCode("IMP"));
        fixtures().phase(projectId, 1);
        fixtures().phase(projectId, 2);
    }

    private long parcelsInProject() {
        return jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    private HttpApi.Response importBatch(String query, String body) {
        return fixtures().importGeoJson(projectId, query, body);
    }

    @Test
    void validBatchIsWrittenWithAreaInMu() {
        var r = importBatch("?crs=EPSG:4548", collection(
                feature("A-1", 1, "Polygon", square(E0, N0, 100)),
                feature("A-2", 2, "MultiPolygon", "[" + square(E0 + 200, N0, 100) + "," + square(E0 + 400, N0, 50) + "]")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((Integer) r.json("$.created")).isEqualTo(2);
        assertThat(parcelsInProject()).isEqualTo(2);
        Map<String, Object> areas = jdbc.sql("SELECT code, area_mu FROM parcel WHERE project_id = ? ORDER BY code")
                .param(projectId).query().listOfRows().stream()
                .collect(java.util.stream.Collectors.toMap(m -> (String) m.get("code"), m -> m.get("area_mu")));
        assertThat((Double) areas.get("A-1")).isCloseTo(15.0, within(1e-6));
        assertThat((Double) areas.get("A-2")).isCloseTo(15.0 + 3.75, within(1e-6));
    }

    @Test
    void importExportRoundTripKeepsGeometryAndMu() throws Exception {
        String r1Ring = "[[[454000,3924000],[454130.5,3924010],[454120,3924140.25],[454005,3924120],[454000,3924000]]]";
        String original = collection(
                feature("R-1", 1, "Polygon", r1Ring),
                feature("R-2", 1, "Polygon", square(E0 + 300, N0 + 300, 80)));
        assertThat(importBatch("?crs=EPSG:4548", original).status()).isEqualTo(200);
        long phaseId = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(projectId).query(Long.class).single();

        var exported = api().get("/api/v1/phases/" + phaseId + "/parcels/export?format=geojson&crs=EPSG:4548");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.contentType()).startsWith("application/geo+json");
        List<Map<String, Object>> features = exported.json("$.features");
        assertThat(features).hasSize(2);
        GeoJsonReader reader = new GeoJsonReader();
        Geometry before = reader.read("{\"type\":\"Polygon\",\"coordinates\":" + r1Ring + "}");
        String exportedR1 = com.jayway.jsonpath.JsonPath.parse(exported.body()).read("$.features[?(@.properties.code=='R-1')].geometry")
                .toString();
        Geometry after = reader.read(new tools.jackson.databind.ObjectMapper().readTree(exportedR1).get(0).toString());
        // through EPSG:4490 storage and back: same shape within a millimetre
        assertThat(after.getNumPoints()).isEqualTo(before.getNumPoints());
        assertThat(before.buffer(0.001).contains(after)).isTrue();
        assertThat(after.buffer(0.001).contains(before)).isTrue();
        double muFromExport = ((Number) com.jayway.jsonpath.JsonPath.parse(exported.body())
                .read("$.features[?(@.properties.code=='R-1')].properties.areaMu", List.class).get(0)).doubleValue();
        assertThat(muFromExport).isCloseTo(before.getArea() * 0.0015, within(0.001));

        // and the export re-imports into another project unchanged (its crs member is honoured)
        long other = fixtures().project(Fixtures.uniqueCode("IMP2"));
        fixtures().phase(other, 1);
        var reimport = fixtures().importGeoJson(other, "", exported.body());
        assertThat(reimport.status()).as(reimport.toString()).isEqualTo(200);
        double reimportedMu = jdbc.sql("SELECT area_mu FROM parcel WHERE project_id = ? AND code = 'R-1'").param(other)
                .query(Double.class).single();
        assertThat(reimportedMu).isCloseTo(before.getArea() * 0.0015, within(0.001));
    }

    @Test
    void csvExportCarriesWktAndMu() {
        assertThat(importBatch("?crs=EPSG:4548", collection(feature("C-1", 1, "Polygon", square(E0, N0, 100)))).status()).isEqualTo(200);
        long phaseId = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(projectId).query(Long.class).single();
        var csv = api().get("/api/v1/phases/" + phaseId + "/parcels/export?format=csv&crs=EPSG:4548");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,code,name,phase,land_use,status,area_mu,area_m2,srid,wkt");
        assertThat(lines[1]).contains(",C-1,").contains(",15.0,").contains(",4548,").contains("MULTIPOLYGON(((454000 3924000");
    }

    @Test
    void oneBadFeatureRejectsTheWholeBatchAndListsEveryProblem() {
        String bowtie = "[[[454000,3924000],[454100,3924100],[454100,3924000],[454000,3924100],[454000,3924000]]]";
        String unclosed = "[[[454000,3924000],[454100,3924000],[454100,3924100],[454000,3924100]]]";
        var r = importBatch("?crs=EPSG:4548", collection(
                feature("OK-1", 1, "Polygon", square(E0, N0, 100)),
                feature("BOW", 1, "Polygon", bowtie),
                feature("OPEN", 1, "Polygon", unclosed),
                feature("NOPHASE", 7, "Polygon", square(E0 + 500, N0, 10)),
                feature("POINT", 1, "Point", "[454000,3924000]"),
                feature("OK-1", 1, "Polygon", square(E0 + 900, N0, 10))));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.json("$.type")).endsWith("/invalid-features");
        assertThat((String) r.json("$.detail")).startsWith("5 of 6 feature(s) are invalid");
        List<Map<String, Object>> errors = r.json("$.errors");
        assertThat(errors).extracting(e -> e.get("index")).containsExactly(1, 2, 3, 4, 5);
        assertThat(reason(errors, 1)).contains("self-intersection at (454050.0 3924050.0)");
        assertThat(reason(errors, 2)).isEqualTo("ring 1 (exterior) is not closed: it starts at (454000.0 3924000.0) and ends at "
                + "(454000.0 3924100.0)");
        assertThat(reason(errors, 3)).contains("unknown phase 7");
        assertThat(reason(errors, 4)).contains("wrong geometry type 'Point'");
        assertThat(reason(errors, 5)).contains("duplicate code 'OK-1' within this batch");
        assertThat(parcelsInProject()).isZero();
    }

    @Test
    void existingCodeIsRefusedInCreateModeAndReplacedInUpsertMode() {
        assertThat(importBatch("?crs=EPSG:4548", collection(feature("U-1", 1, "Polygon", square(E0, N0, 100)))).status()).isEqualTo(200);
        var again = importBatch("?crs=EPSG:4548", collection(
                feature("U-2", 1, "Polygon", square(E0 + 200, N0, 100)),
                feature("U-1", 2, "Polygon", square(E0, N0, 200))));
        assertThat(again.status()).isEqualTo(422);
        assertThat(reason(again.json("$.errors"), 1)).contains("already exists").contains("mode=upsert");
        assertThat(parcelsInProject()).isEqualTo(1);

        var upsert = importBatch("?crs=EPSG:4548&mode=upsert", collection(
                feature("U-2", 1, "Polygon", square(E0 + 200, N0, 100)),
                feature("U-1", 2, "Polygon", square(E0, N0, 200))));
        assertThat(upsert.status()).as(upsert.toString()).isEqualTo(200);
        assertThat((Integer) upsert.json("$.created")).isEqualTo(1);
        assertThat((Integer) upsert.json("$.updated")).isEqualTo(1);
        double mu = jdbc.sql("SELECT area_mu FROM parcel WHERE project_id = ? AND code = 'U-1'").param(projectId).query(Double.class).single();
        assertThat(mu).isCloseTo(60.0, within(1e-6));
        assertThat(importBatch("?mode=merge", collection(feature("U-3", 1, "Polygon", square(E0, N0, 1)))).status()).isEqualTo(400);
    }

    @Test
    void coordinatesOutsideTheDeclaredCrsAreNamed() {
        // Gauss-Krüger metres sent without crs: taken as CRS84 per RFC 7946, so they are out of range
        var r = importBatch("", collection(feature("M-1", 1, "Polygon", square(E0, N0, 100))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(reason(r.json("$.errors"), 0)).contains("outside the range of EPSG:4326").contains("454000.0 3924000.0");
        // EPSG:4548 coordinates declared as 4527 (which needs the zone prefix 39)
        var zone = importBatch("?crs=EPSG:4527", collection(feature("M-2", 1, "Polygon", square(E0, N0, 100))));
        assertThat(reason(zone.json("$.errors"), 0)).contains("outside the range of EPSG:4527");
        assertThat(parcelsInProject()).isZero();
    }

    @Test
    void inputInEveryAcceptedCrsLandsOnTheSameGround() {
        // the same 100 m square given in EPSG:4527 (zone prefix) and in EPSG:4548
        assertThat(importBatch("?crs=EPSG:4548", collection(feature("G-4548", 1, "Polygon", square(E0, N0, 100)))).status()).isEqualTo(200);
        assertThat(importBatch("?crs=EPSG:4527", collection(feature("G-4527", 1, "Polygon", square(39_000_000 + E0, N0, 100)))).status())
                .isEqualTo(200);
        String lonLatRing = jdbc.sql("SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText(?, 4548), 4490), 10)::json->'coordinates'")
                .param("POLYGON((454000 3924000,454100 3924000,454100 3924100,454000 3924100,454000 3924000))").query(String.class).single();
        assertThat(importBatch("?crs=EPSG:4490", collection(feature("G-4490", 1, "Polygon", lonLatRing))).status()).isEqualTo(200);
        assertThat(importBatch("?crs=EPSG:4326", collection(feature("G-4326", 1, "Polygon", lonLatRing))).status()).isEqualTo(200);
        List<Double> distances = jdbc.sql("SELECT ST_HausdorffDistance(ST_Transform(a.geom, 4548), ST_Transform(b.geom, 4548)) "
                + "FROM parcel a JOIN parcel b ON b.project_id = a.project_id AND b.code <> a.code "
                + "WHERE a.project_id = ? AND a.code = 'G-4548'").param(projectId).query(Double.class).list();
        assertThat(distances).hasSize(3).allSatisfy(d -> assertThat(d).isLessThan(0.01));
    }

    @Test
    void malformedBodiesAreProblemsAndWriteNothing() {
        assertProblem(importBatch("", "{\"type\": \"FeatureCollection\", \"features\": [}"), 400, "malformed-geojson");
        assertProblem(importBatch("", "{\"type\": \"Feature\"}"), 400, "malformed-geojson");
        assertProblem(importBatch("", "{\"type\": \"FeatureCollection\"}"), 400, "malformed-geojson");
        assertProblem(importBatch("", "{\"type\": \"FeatureCollection\", \"features\": []}"), 400, "malformed-geojson");
        assertProblem(importBatch("?crs=EPSG:3857", collection(feature("X", 1, "Polygon", square(E0, N0, 1)))), 400, "unsupported-crs");
        var notNumbers = importBatch("", collection(feature("X", 1, "Polygon", "[[[\"a\",\"b\"],[1,2],[3,4],[\"a\",\"b\"]]]")));
        assertThat(notNumbers.status()).isEqualTo(422);
        assertThat(api().postJson("/api/v1/projects/999999999/parcels/import", collection()).status()).isEqualTo(404);
        assertThat(parcelsInProject()).isZero();
    }

    @Test
    void oversizedUploadIs413() {
        StringBuilder big = new StringBuilder(collection(feature("BIG", 1, "Polygon", square(E0, N0, 10))));
        big.insert(big.length() - 2, " ".repeat(1_200_000));
        var r = importBatch("?crs=EPSG:4548", big.toString());
        assertThat(r.status()).isEqualTo(413);
        assertThat((String) r.json("$.detail")).contains("upload limit of 1048576 bytes");
        assertThat(parcelsInProject()).isZero();
    }

    private static void assertProblem(HttpApi.Response r, int status, String typeSuffix) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.json("$.type")).endsWith("/" + typeSuffix);
        assertThat((String) r.json("$.detail")).isNotBlank();
    }

    private static String reason(List<Map<String, Object>> errors, int index) {
        return errors.stream().filter(e -> ((Integer) e.get("index")) == index).map(e -> (String) e.get("reason"))
                .reduce((a, b) -> a + " | " + b).orElse("<none for index " + index + ">");
    }
}
