package com.goafwatch.ogc;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * OGC API – Features Part 3: the queryables document, CQL2 text filters whose expected features come from PostGIS
 * queries written here by hand, refusals naming the property or position, injection attempts, and OWSLib filtering.
 */
class OgcFilterTest extends IntegrationTest {

    private long projectId;
    private HttpApi viewer;
    private String viewerToken;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("FLT"));
        fixtures().phase(projectId, 1);
        fixtures().phase(projectId, 2);
        // 15, 15, 60 and 33.75 mu
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("F-A", 1, "Polygon", square(E0, N0, 100)),
                feature("F-B", 1, "Polygon", square(E0 + 1000, N0, 100)),
                feature("F-C", 2, "Polygon", square(E0 + 2000, N0 + 2000, 200)),
                feature("F-D", 2, "Polygon", square(E0 + 3000, N0, 150))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        jdbc.sql("UPDATE parcel SET status = 'treating' WHERE project_id = ? AND code = 'F-B'").param(projectId).update();
        var m = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "FM1", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", E0 + 50, N0 + 50));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        var t = api().postJson("/api/v1/admin/tokens", """
                {"name": "flt-%d", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(projectId, projectId));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        viewerToken = t.json("$.secret");
        viewer = api().bearer(viewerToken);
    }

    private HttpApi.Response filtered(String collection, String filter) {
        var r = viewer.get("/ogcapi/collections/" + collection + "/items?limit=1000&filter-lang=cql2-text&filter=" + enc(filter));
        assertThat(r.status()).as(filter + " → " + r).isEqualTo(200);
        return r;
    }

    @SuppressWarnings("unchecked")
    private List<String> codes(String filter) {
        var r = filtered("parcels", filter);
        List<String> codes = r.json("$.features[*].properties.code");
        assertThat(((Number) r.json("$.numberMatched")).intValue()).isEqualTo(codes.size());
        return codes.stream().sorted().toList();
    }

    /** Parcel codes of this project matching a hand-written condition on parcel p joined with its phase ph. */
    private List<String> postgis(String condition, Object... params) {
        List<Object> all = new java.util.ArrayList<>(List.of(projectId));
        all.addAll(List.of(params));
        return jdbc.sql("SELECT p.code FROM parcel p JOIN phase ph ON ph.id = p.phase_id WHERE p.project_id = ? AND (" + condition
                + ") ORDER BY p.code").params(all).query(String.class).list();
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryablesAreAJsonSchemaOfTheFilterableProperties() {
        var r = viewer.get("/ogcapi/collections/parcels/queryables");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/schema+json");
        assertThat((String) r.json("$.$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat((String) r.json("$.$id")).endsWith("/ogcapi/collections/parcels/queryables");
        assertThat((String) r.json("$.type")).isEqualTo("object");
        Map<String, Map<String, Object>> properties = r.json("$.properties");
        assertThat(properties).containsKeys("geometry", "code", "phase", "status", "flagLevel", "areaMu");
        assertThat(properties.get("phase")).containsEntry("type", "integer");
        assertThat(properties.get("areaMu")).containsEntry("type", "number");
        assertThat(properties.get("status")).containsEntry("type", "string");
        assertThat(properties).doesNotContainKey("updatedAt");
        assertThat((Map<String, Object>) viewer.get("/ogcapi/collections/alerts/queryables").json("$.properties")).containsKeys("level", "state");
        assertThat((List<String>) viewer.get("/ogcapi/collections/parcels").json("$.links[*].rel"))
                .contains("http://www.opengis.net/def/rel/ogc/1.0/queryables");
        assertThat((List<String>) viewer.get("/ogcapi/conformance").json("$.conformsTo")).contains(
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions");
        assertThat(viewer.get("/ogcapi/collections/nothing/queryables").status()).isEqualTo(404);
    }

    @Test
    void comparisonsLikeInBetweenAndBooleansMatchPostgis() {
        assertThat(codes("phase = 2")).containsExactlyElementsOf(postgis("ph.ordinal = 2")).hasSize(2);
        assertThat(codes("status <> 'planned'")).containsExactlyElementsOf(postgis("p.status <> 'planned'")).containsExactly("F-B");
        assertThat(codes("areaMu > 20")).containsExactlyElementsOf(postgis("p.area_mu > 20")).hasSize(2);
        assertThat(codes("areaMu >= 15 AND areaMu <= 33.75")).containsExactlyElementsOf(postgis("round(p.area_mu::numeric, 3) BETWEEN 15 AND 33.75"))
                .hasSize(3);
        assertThat(codes("areaMu < 20 OR status = 'treating'")).containsExactlyElementsOf(postgis("p.area_mu < 20 OR p.status = 'treating'"));
        assertThat(codes("code LIKE 'F-_' AND NOT code IN ('F-A', 'F-B')"))
                .containsExactlyElementsOf(postgis("p.code LIKE 'F-_' AND p.code NOT IN ('F-A', 'F-B')")).containsExactly("F-C", "F-D");
        assertThat(codes("(phase = 1 OR areaMu > 50) AND NOT (status = 'treating')"))
                .containsExactlyElementsOf(postgis("(ph.ordinal = 1 OR p.area_mu > 50) AND NOT p.status = 'treating'")).containsExactly("F-A", "F-C");
        assertThat(codes("areaMu BETWEEN 10 AND 40 and phase not in (1)"))
                .containsExactlyElementsOf(postgis("p.area_mu BETWEEN 10 AND 40 AND ph.ordinal <> 1")).containsExactly("F-D");
        // only F-A has a sensor (FM1) on it
        assertThat(codes("flagLevel = 'not_monitored'")).containsExactly("F-B", "F-C", "F-D");
        assertThat(codes("FALSE")).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> markers = filtered("markers", "sensorType = 'settlement-marker' AND parcel IS NOT NULL").json("$.features[*].properties.code");
        assertThat(markers).containsExactly("FM1");
    }

    @Test
    void sIntersectsWithABoxAndAPolygonMatchesPostgis() {
        // a CRS84 box around F-A only and a triangle over F-A and F-B (not F-C, F-D), made by PostGIS from site metres
        List<Double> box = jdbc.sql("SELECT unnest(ARRAY[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]) FROM (SELECT ST_Transform("
                + "ST_MakeEnvelope(?, ?, ?, ?, 4548), 4326) b) q").params(E0 - 10, N0 - 10, E0 + 110, N0 + 110).query(Double.class).list();
        String bbox = String.format(Locale.ROOT, "S_INTERSECTS(geometry, BBOX(%.9f, %.9f, %.9f, %.9f))", box.get(0), box.get(1), box.get(2), box.get(3));
        assertThat(codes(bbox)).containsExactlyElementsOf(postgis("ST_Intersects(ST_Transform(p.geom, 4326), ST_MakeEnvelope(?, ?, ?, ?, 4326))",
                box.get(0), box.get(1), box.get(2), box.get(3))).containsExactly("F-A");

        String triangle = jdbc.sql("SELECT ST_AsText(ST_Transform(ST_GeomFromText(?, 4548), 4326), 9)")
                .param(String.format(Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f))", E0 + 50, N0 - 300, E0 + 1050, N0 + 50, E0 + 50, N0 + 400,
                        E0 + 50, N0 - 300)).query(String.class).single();
        assertThat(codes("S_INTERSECTS(geometry, " + triangle + ") AND status = 'treating'"))
                .containsExactlyElementsOf(postgis("ST_Intersects(ST_Transform(p.geom, 4326), ST_GeomFromText(?, 4326)) AND p.status = 'treating'",
                        triangle)).containsExactly("F-B");
        assertThat(codes("S_INTERSECTS(geometry, " + triangle + ")")).containsExactly("F-A", "F-B");
        // with the bbox parameter and paging: numberMatched counts the filtered set
        var page = viewer.get("/ogcapi/collections/parcels/items?limit=1&filter=" + enc("S_INTERSECTS(geometry, " + triangle + ")"));
        assertThat(((Number) page.json("$.numberMatched")).intValue()).isEqualTo(2);
    }

    @Test
    void badFiltersAreProblemsNamingThePropertyOrPosition() {
        var unknown = viewer.get("/ogcapi/collections/parcels/items?filter=" + enc("status = 'planned' AND colour = 'red'"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat((String) unknown.json("$.detail")).contains("unknown property 'colour' at position 24").contains("flagLevel");

        var syntax = viewer.get("/ogcapi/collections/parcels/items?filter=" + enc("status = "));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat((String) syntax.json("$.detail")).contains("position 10");
        assertThat(((Number) syntax.json("$.position")).intValue()).isEqualTo(10);

        var type = viewer.get("/ogcapi/collections/parcels/items?filter=" + enc("phase = 'two'"));
        assertThat(type.status()).isEqualTo(400);
        assertThat((String) type.json("$.detail")).contains("'two'");
        assertThat(viewer.get("/ogcapi/collections/parcels/items?filter-lang=cql2-json&filter=" + enc("phase = 1")).status()).isEqualTo(400);
        assertThat(viewer.get("/ogcapi/collections/parcels/items?filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4548") + "&filter="
                + enc("phase = 1")).status()).isEqualTo(400);
        assertThat(viewer.get("/ogcapi/collections/parcels/items?filter=" + enc("S_INTERSECTS(code, POINT(1 2))")).status()).isEqualTo(400);
    }

    /** Literals are bound, names are looked up: neither can change the statement or reach past the caller's projects. */
    @Test
    void injectionAttemptsInLiteralsAndNamesChangeNothing() {
        long before = jdbc.sql("SELECT count(*) FROM parcel").query(Long.class).single();
        assertThat(codes("code = 'x'' OR ''1''=''1'")).isEmpty();
        assertThat(codes("code = 'F-A''; DROP TABLE parcel; --'")).isEmpty();
        assertThat(codes("code LIKE '%'' OR true --'")).isEmpty();
        assertThat(codes("code IN ('F-A'') OR (''1''=''1')")).isEmpty();
        for (String name : List.of("\"code = 'x' OR 1=1 --\" = 'a'", "\"p.project_id\" > 0", "\"(SELECT 1)\" = 1", "pg_sleep = 1")) {
            var r = viewer.get("/ogcapi/collections/parcels/items?filter=" + enc(name));
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat((String) r.json("$.detail")).as(name).contains("unknown property");
        }
        var semicolon = viewer.get("/ogcapi/collections/parcels/items?filter=" + enc("code = 'F-A'); DELETE FROM parcel; --"));
        assertThat(semicolon.status()).isEqualTo(400);
        // a project the viewer has no grant for: the scope still applies under any filter
        long other = fixtures().project(Fixtures.uniqueCode("FLO"));
        fixtures().phase(other, 1);
        assertThat(fixtures().importGeoJson(other, "?crs=EPSG:4548", collection(feature("F-A", 1, "Polygon", square(E0, N0, 100)))).status())
                .isEqualTo(200);
        assertThat(codes("projectId = " + other + " OR code = 'F-A'")).containsExactly("F-A");
        assertThat(jdbc.sql("SELECT count(*) FROM parcel").query(Long.class).single()).isEqualTo(before + 1);
    }

    /** OWSLib 0.27 passes filter and filter-lang through to the items request. */
    @Test
    @SuppressWarnings("unchecked")
    void owslibFiltersItemsWithCql2() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", """
                import json, os
                from owslib.ogcapi.features import Features
                api = Features(os.environ["GW_URL"], headers={"Authorization": "Bearer " + os.environ["GW_TOKEN"]})
                items = api.collection_items("parcels", limit=100, filter=os.environ["GW_FILTER"], **{"filter-lang": "cql2-text"})
                print(json.dumps(sorted(f["properties"]["code"] for f in items["features"])))
                """);
        pb.environment().put("GW_URL", "http://127.0.0.1:" + port + "/ogcapi/");
        pb.environment().put("GW_TOKEN", viewerToken);
        pb.environment().put("GW_FILTER", "phase = 2 OR status IN ('treating')");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err + out).isZero();
        List<String> seen = com.jayway.jsonpath.JsonPath.read(out, "$");
        assertThat(seen).containsExactlyElementsOf(postgis("ph.ordinal = 2 OR p.status IN ('treating')")).containsExactly("F-B", "F-C", "F-D");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
