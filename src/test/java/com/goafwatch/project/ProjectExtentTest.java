package com.goafwatch.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * Every geometry a project holds lies in its extent, not only parcels: before this check a live audit stored a
 * settlement marker at (-170, -80), a trench cable across the antimeridian and a borehole collar at (-170, -80) in a
 * Shandong project (201 each). Each is now a 422 naming the feature and the vertex, nothing is written, and the same
 * geometry inside the extent is taken. The extent (115.5–118.5°E, 22.6–49.88°N) is PROJ's area of use of EPSG:4548.
 */
class ProjectExtentTest extends IntegrationTest {

    private static final String OUTSIDE = "lies outside the project's extent 115.5..118.5°E, 22.6..49.88°N";

    private long projectId;

    @BeforeEach
    void project() {
        projectId = fixtures().project(Fixtures.uniqueCode("EXT"));
    }

    private long stored(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    private static void refused(HttpApi.Response r, String code, String vertex) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains(code).contains("coordinate (" + vertex + ") " + OUTSIDE);
    }

    @Test
    void aSensorOutsideTheExtentIsRefused() {
        String marker = """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%s]}}""";
        refused(api().postJson("/api/v1/projects/" + projectId + "/sensors", marker.formatted("S-FAR", "-170, -80")), "S-FAR", "-170 -80");
        assertThat(stored("point_sensor")).isZero();
        var inside = api().postJson("/api/v1/projects/" + projectId + "/sensors", marker.formatted("S-NEAR", "116.5, 35.45"));
        assertThat(inside.status()).as(inside.toString()).isEqualTo(201);
    }

    @Test
    void aCableAcrossTheAntimeridianIsRefused() {
        String cable = """
                {"type": "Feature", "properties": {"code": "%s", "installation": "trench", "fiberLengthM": 200},
                 "geometry": {"type": "LineString", "coordinates": %s}}""";
        refused(api().postJson("/api/v1/projects/" + projectId + "/cables", cable.formatted("C-FAR", "[[179.9, 35.4], [-179.9, 35.4]]")),
                "C-FAR", "179.9 35.4");
        assertThat(stored("cable")).isZero();
        var inside = api().postJson("/api/v1/projects/" + projectId + "/cables",
                cable.formatted("C-NEAR", "[[116.5, 35.45], [116.501, 35.45]]"));
        assertThat(inside.status()).as(inside.toString()).isEqualTo(201);
    }

    @Test
    void aBoreholeCollarOutsideTheExtentIsRefused() {
        String hole = """
                {"code": "%s", "type": "check", "order": 1, "easting": %s, "northing": %s, "measuredDepthM": 100}""";
        var far = api().postJson("/api/v1/projects/" + projectId + "/boreholes?crs=OGC:CRS84", hole.formatted("BH-FAR", "-170", "-80"));
        assertThat(far.status()).as(far.toString()).isEqualTo(422);
        assertThat((List<String>) far.json("$.errors[0].reasons")).singleElement().asString()
                .isEqualTo("collar: coordinate (-170 -80) " + OUTSIDE + " (set the project's extent if the site really lies there)");
        assertThat(stored("borehole")).isZero();
        var inside = api().postJson("/api/v1/projects/" + projectId + "/boreholes?crs=OGC:CRS84", hole.formatted("BH-NEAR", "116.5", "35.45"));
        assertThat(inside.status()).as(inside.toString()).isEqualTo(201);
    }

    @Test
    void aGoafPanelOutsideTheExtentIsRefusedWithTheWholeImport() {
        String panels = """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"name": "P-NEAR", "seamThicknessM": 2, "depthM": 80},
                  "geometry": {"type": "Polygon", "coordinates": [[[116.5, 35.45], [116.51, 35.45], [116.51, 35.451], [116.5, 35.451], [116.5, 35.45]]]}},
                 {"type": "Feature", "properties": {"name": "P-FAR", "seamThicknessM": 2, "depthM": 80},
                  "geometry": {"type": "Polygon", "coordinates": [[[10, 50], [10.01, 50], [10.01, 50.001], [10, 50.001], [10, 50]]]}}]}""";
        var r = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import", panels);
        refused(r, "P-FAR", "10 50");
        assertThat((Integer) r.json("$.errors[0].index")).isEqualTo(1);
        assertThat(stored("goaf_panel")).isZero();
        var inside = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import",
                panels.substring(0, panels.indexOf(",\n {\"type\": \"Feature\", \"properties\": {\"name\": \"P-FAR\"")) + "]}");
        assertThat(inside.status()).as(inside.toString()).isEqualTo(200);
        assertThat(stored("goaf_panel")).isEqualTo(1);
    }
}
