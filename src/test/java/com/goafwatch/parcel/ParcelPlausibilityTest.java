package com.goafwatch.parcel;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * Valid but implausible geometry is refused with a 422 naming the feature and what is wrong (before the fix a polygon
 * across the antimeridian was stored as 63,807 mu in a Shandong project, a 5e-17 m² triangle was stored, and 60,000
 * parcels were taken in one import). The default extent is the EPSG area of use of EPSG:4548 (115.5–118.5°E,
 * 22.6–49.88°N, from PROJ's database).
 */
class ParcelPlausibilityTest extends IntegrationTest {

    private long projectId;

    @BeforeEach
    void project() {
        projectId = fixtures().project(Fixtures.uniqueCode("PLA"));
        fixtures().phase(projectId, 1);
    }

    private HttpApi.Response importBatch(String query, String body) {
        return api().postJson("/api/v1/projects/" + projectId + "/parcels/import" + query, body);
    }

    private long parcels() {
        return jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    private static String reason(HttpApi.Response r, int i) {
        List<Map<String, Object>> errors = r.json("$.errors");
        return (String) errors.get(i).get("reason");
    }

    @Test
    void aPolygonAcrossTheAntimeridianIsOutsideTheProjectsExtent() {
        String across = "[[[179.0,35.4],[-179.0,35.4],[-179.0,35.5],[179.0,35.5],[179.0,35.4]]]";
        var r = importBatch("", collection(feature("OK", 1, "Polygon", square(116.5, 35.4, 0.001)), feature("DATELINE", 1, "Polygon", across)));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat((Integer) r.json("$.errors[0].index")).isEqualTo(1);
        assertThat(reason(r, 0)).isEqualTo("coordinate (179 35.4) lies outside the project's extent 115.5..118.5°E, 22.6..49.88°N "
                + "(set the project's extent if the site really lies there)");
        assertThat(parcels()).isZero();
    }

    @Test
    void aSliverBelowTheMinimumAreaIsRefused() {
        // legs of 1e-8 m: 0.5 × 1e-8 × 1e-8 = 5e-17 m²
        String sliver = "[[[454000,3924000],[454000.00000001,3924000],[454000,3924000.00000001],[454000,3924000]]]";
        var r = importBatch("?crs=EPSG:4548", collection(feature("SLIVER", 1, "Polygon", sliver)));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(reason(r, 0)).contains("below the minimum of 1.0 m²").contains("goafwatch.parcels.min-area-m2");
        // one square metre is the smallest plausible parcel
        assertThat(importBatch("?crs=EPSG:4548", collection(feature("ONE", 1, "Polygon", square(E0, N0, 1)))).status()).isEqualTo(200);
    }

    @Test
    void theExtentCanBeSetPerProjectAndAppliesToEdits() {
        String west = square(110.0, 30.0, 0.001);
        assertThat(importBatch("", collection(feature("W", 1, "Polygon", west))).status()).isEqualTo(422);
        var project = api().get("/api/v1/projects/" + projectId);
        assertThat((List<Double>) project.json("$.extent")).containsExactly(115.5, 22.6, 118.5, 49.88);
        assertThat((Boolean) project.json("$.extentConfigured")).isFalse();

        String code = project.json("$.code");
        var widened = api().putJson("/api/v1/projects/" + projectId, """
                {"code": "%s", "name": "n", "surveyCrs": "EPSG:4548", "extent": [105, 25, 120, 40]}""".formatted(code));
        assertThat(widened.status()).as(widened.toString()).isEqualTo(200);
        assertThat((Boolean) widened.json("$.extentConfigured")).isTrue();
        assertThat(importBatch("", collection(feature("W", 1, "Polygon", west))).status()).isEqualTo(200);

        long parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        var moved = api().putJson("/api/v1/parcels/" + parcel, feature("W", 1, "Polygon", square(125.0, 30.0, 0.001)));
        assertThat(moved.status()).isEqualTo(422);
        assertThat(reason(moved, 0)).contains("outside the project's extent 105.0..120.0°E, 25.0..40.0°N");

        var bad = api().putJson("/api/v1/projects/" + projectId, """
                {"code": "%s", "name": "n", "extent": [120, 25, 105, 40]}""".formatted(code));
        assertThat(bad.status()).isEqualTo(422);
        assertThat((String) bad.json("$.detail")).contains("minLon < maxLon");
    }

    @Test
    void tooManyFeaturesInOneImportIs413BeforeAnyIsRead() {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 10_001; i++) {
            features.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}");
        }
        var r = importBatch("", "{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat((String) r.json("$.type")).endsWith("/too-many-features");
        assertThat((String) r.json("$.detail")).contains("10001 features").contains("at most 10000").contains("max-features-per-import");
    }

    @Test
    void geoJsonErrorsNameTheFeatureRingPositionAndProblem() {
        var r = importBatch("?crs=EPSG:4548", collection(
                feature("STR", 1, "Polygon", "[[[454000,3924000],[\"454100\",3924000],[454100,3924100],[454000,3924000]]]"),
                feature("BIG", 1, "Polygon", "[[[454000,3924000],[454100,1e400],[454100,3924100],[454000,3924000]]]"),
                feature("ONE", 1, "MultiPolygon", "[[[[454000,3924000],[454100,3924000],[454100,3924100],[454000,3924000]]],"
                        + "[[[454000,3924000],[454100],[454100,3924100],[454000,3924000]]]]"),
                feature("SHORT", 1, "Polygon", "[[[454000,3924000],[454100,3924000],[454000,3924000]]]")));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(reason(r, 0)).isEqualTo("ring 1 (exterior), position 2: x is a string (\"454100\"), not a number");
        assertThat(reason(r, 1)).isEqualTo("ring 1 (exterior), position 2: y is out of range (not a finite number)");
        assertThat(reason(r, 2)).isEqualTo("polygon 2, ring 1 (exterior), position 2 must be an array of 2 or 3 numbers; got [454100]");
        assertThat(reason(r, 3)).isEqualTo("ring 1 (exterior) has 3 positions; a ring needs at least 4 (the first repeated last)");
        assertThat(parcels()).isZero();
    }
}
