package com.goafwatch.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Goaf panel import against the real PostGIS: the sample site's nine strip panels (EPSG:4548) round-trip, checked by
 * PostGIS itself on the submitted GeoJSON (areas, ST_Equals at the file's 1 cm precision); a batch with one bad feature
 * is refused as a whole, naming the feature, and writes nothing.
 */
class PanelImportTest extends IntegrationTest {

    private static final Path PANELS = Path.of("gis-data/sample-site/panels.geojson");

    private long projectId;

    @BeforeEach
    void project() {
        projectId = fixtures().project(Fixtures.uniqueCode("PNL"));
    }

    private long stored() {
        return jdbc.sql("SELECT count(*) FROM goaf_panel WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    @Test
    void panelsRoundTripWithTheirAreasAndOutlines() throws Exception {
        String file = Files.readString(PANELS);
        var r = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import?crs=EPSG:4548", file);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((Integer) r.json("$.created")).isEqualTo(9);

        // each stored outline against the submitted one, as PostGIS reads the file's geometry (an independent path)
        List<Map<String, Object>> submitted = new tools.jackson.databind.ObjectMapper().readTree(file).path("features").valueStream()
                .map(f -> Map.<String, Object>of("name", f.path("properties").path("name").asString(), "geojson", f.path("geometry").toString()))
                .toList();
        for (Map<String, Object> f : submitted) {
            Map<String, Object> check = jdbc.sql("""
                    WITH input AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4548) AS g)
                    SELECT ST_Equals(ST_SnapToGrid(ST_Transform(p.geom, 4548), 0.01), ST_SnapToGrid(input.g, 0.01)) AS equal,
                           p.area_m2 AS stored, ST_Area(input.g) AS expected
                    FROM goaf_panel p, input WHERE p.project_id = ? AND p.name = ?""")
                    .params(f.get("geojson"), projectId, f.get("name")).query().singleRow();
            assertThat((Boolean) check.get("equal")).as("outline of panel %s", f.get("name")).isTrue();
            assertThat((Double) check.get("stored")).as("area of panel %s", f.get("name"))
                    .isCloseTo((Double) check.get("expected"), org.assertj.core.api.Assertions.within(0.01));
            // README of the sample site: 50 m wide, about 2.7 km long
            assertThat((Double) check.get("expected")).isBetween(50 * 2600.0, 50 * 2800.0);
        }

        // the GET in the file's CRS gives back the same outlines and properties
        var list = api().get("/api/v1/projects/" + projectId + "/goaf-panels?crs=EPSG:4548");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<Object> geometries = list.json("$.features[*].geometry");
        List<String> names = list.json("$.features[*].properties.name");
        assertThat(names).hasSize(9).first().isEqualTo("7330");
        assertThat((List<Double>) list.json("$.features[*].properties.seamThicknessM")).allSatisfy(t -> assertThat(t).isEqualTo(2.6));
        for (int i = 0; i < names.size(); i++) {
            String returned = new tools.jackson.databind.ObjectMapper().writeValueAsString(geometries.get(i));
            String name = names.get(i);
            String original = (String) submitted.stream().filter(f -> f.get("name").equals(name)).findFirst().orElseThrow().get("geojson");
            assertThat(jdbc.sql("SELECT ST_Equals(ST_SnapToGrid(ST_SetSRID(ST_GeomFromGeoJSON(?), 4548), 0.01), "
                    + "ST_SnapToGrid(ST_SetSRID(ST_GeomFromGeoJSON(?), 4548), 0.01))")
                    .params(returned, original).query(Boolean.class).single()).as("GET outline of %s", name).isTrue();
        }

        // a second import of the same names is refused (nothing doubled); replace=true swaps them
        var again = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import?crs=EPSG:4548", file);
        assertThat(again.status()).as(again.toString()).isEqualTo(422);
        assertThat(stored()).isEqualTo(9);
        var replaced = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import?crs=EPSG:4548&replace=true", file);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat((Integer) replaced.json("$.replaced")).isEqualTo(9);
        assertThat(stored()).isEqualTo(9);
    }

    @Test
    void oneBadFeatureRefusesTheBatchNamingItAndWritesNothing() {
        String good = panel("P-1", "2.6", "280", "[[[454000,3924000],[454050,3924000],[454050,3926000],[454000,3926000],[454000,3924000]]]");
        String bowtie = panel("P-2", "2.6", "280", "[[[454100,3924000],[454150,3926000],[454150,3924000],[454100,3926000],[454100,3924000]]]");
        String noDepth = """
                {"type": "Feature", "properties": {"name": "P-3", "seamThicknessM": 2.6},
                 "geometry": {"type": "Polygon", "coordinates": [[[454200,3924000],[454250,3924000],[454250,3926000],[454200,3924000]]]}}""";
        String line = """
                {"type": "Feature", "properties": {"name": "P-4", "seamThicknessM": 2.6, "depthM": 280},
                 "geometry": {"type": "LineString", "coordinates": [[454300,3924000],[454350,3926000]]}}""";
        var r = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import?crs=EPSG:4548",
                "{\"type\": \"FeatureCollection\", \"features\": [" + good + "," + bowtie + "," + noDepth + "," + line + "]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.json("$.detail")).contains("3 of 4").contains("nothing was imported");
        assertThat((List<Integer>) r.json("$.errors[*].index")).containsExactly(1, 2, 3);
        assertThat((List<String>) r.json("$.errors[*].code")).containsExactly("P-2", "P-3", "P-4");
        List<String> reasons = r.json("$.errors[*].reason");
        assertThat(reasons.get(0)).containsIgnoringCase("self-intersection");
        assertThat(reasons.get(1)).contains("depthM");
        assertThat(reasons.get(2)).contains("Polygon");
        assertThat(stored()).as("nothing written").isZero();

        // coordinates of the wrong CRS (projected metres declared as degrees) are refused too
        var wrongCrs = api().postJson("/api/v1/projects/" + projectId + "/goaf-panels/import?crs=EPSG:4490",
                "{\"type\": \"FeatureCollection\", \"features\": [" + good + "]}");
        assertThat(wrongCrs.status()).as(wrongCrs.toString()).isEqualTo(422);
        assertThat(stored()).isZero();
    }

    private static String panel(String name, String seam, String depth, String rings) {
        return """
                {"type": "Feature", "properties": {"name": "%s", "seamThicknessM": %s, "depthM": %s},
                 "geometry": {"type": "Polygon", "coordinates": %s}}""".formatted(name, seam, depth, rings);
    }
}
