package com.goafwatch.ogc;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Gdal;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/** JSONPath contract of the OGC API – Features endpoints, Part 2 CRS handling, and GDAL's OAPIF driver reading them. */
class OgcApiTest extends IntegrationTest {

    private static final String EPSG4548 = "http://www.opengis.net/def/crs/EPSG/0/4548";
    private static final String EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490";

    private long projectId;
    private String projectCode;
    private HttpApi viewer;
    private String viewerToken;

    @BeforeEach
    void site() {
        projectCode = Fixtures.uniqueCode("OGC");
        projectId = fixtures().project(projectCode);
        fixtures().phase(projectId, 1);
        fixtures().phase(projectId, 2);
        fixtures().threeParcelsAndCable(projectId);
        var m = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "GM1", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", E0 + 50, N0 + 50));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        var t = api().postJson("/api/v1/admin/tokens", """
                {"name": "ogc-%s", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(projectCode, projectId));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        viewerToken = t.json("$.secret");
        viewer = api().bearer(viewerToken);
    }

    private HttpApi.Response ok(HttpApi as, String path) {
        var r = as.get(path);
        assertThat(r.status()).as(path + " → " + r).isEqualTo(200);
        return r;
    }

    @Test
    void landingPageConformanceAndApiDefinition() {
        var landing = ok(viewer, "/ogcapi");
        List<String> rels = landing.json("$.links[*].rel");
        assertThat(rels).contains("self", "service-desc", "service-doc", "conformance", "data");
        String serviceDesc = ((List<String>) landing.json("$.links[?(@.rel == 'service-desc')].href")).get(0);
        var openapi = ok(viewer, serviceDesc.substring(serviceDesc.indexOf("/v3/")));
        assertThat((String) openapi.json("$.openapi")).startsWith("3.0");
        assertThat((java.util.Map<String, Object>) openapi.json("$.paths")).containsKeys("/ogcapi", "/ogcapi/conformance",
                "/ogcapi/collections", "/ogcapi/collections/{collectionId}/items", "/ogcapi/collections/{collectionId}/items/{featureId}");

        List<String> conformsTo = ok(viewer, "/ogcapi/conformance").json("$.conformsTo");
        assertThat(conformsTo).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
        assertThat(viewer.anonymous().get("/ogcapi/collections").status()).isEqualTo(401);
    }

    @Test
    void collectionsListCrsAndExtentOfTheCallersData() {
        var r = ok(viewer, "/ogcapi/collections");
        assertThat((List<String>) r.json("$.collections[*].id")).containsExactly("phases", "parcels", "cables", "borehole-cables", "markers",
                "boreholes", "borehole-traces", "alerts");
        assertThat((List<String>) r.json("$.collections[1].crs")).contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84", EPSG4490, EPSG4548);
        assertThat((String) r.json("$.collections[1].storageCrs")).isEqualTo(EPSG4490);
        List<Double> bbox = r.json("$.collections[1].extent.spatial.bbox[0]");
        // the viewer's extent: only this project's parcels, which span 2.2 km
        assertThat(bbox.get(2) - bbox.get(0)).isBetween(0.02, 0.03);
        var one = ok(viewer, "/ogcapi/collections/parcels");
        assertThat((List<String>) one.json("$.links[*].rel")).contains("self", "items");
    }

    @Test
    void itemsPageWithNextAndPrevLinksAndFilters() {
        var first = ok(viewer, "/ogcapi/collections/parcels/items?limit=2");
        assertThat(first.contentType()).startsWith("application/geo+json");
        assertThat(first.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        assertThat(((Number) first.json("$.numberMatched")).intValue()).isEqualTo(3);
        assertThat(((Number) first.json("$.numberReturned")).intValue()).isEqualTo(2);
        assertThat((List<String>) first.json("$.features[*].properties.code")).containsExactly("G-A", "G-B");
        String next = ((List<String>) first.json("$.links[?(@.rel == 'next')].href")).get(0);
        var second = ok(viewer, next.substring(next.indexOf("/ogcapi")));
        assertThat((List<String>) second.json("$.features[*].properties.code")).containsExactly("G-C");
        assertThat((List<String>) second.json("$.links[*].rel")).contains("prev").doesNotContain("next");

        assertThat((List<String>) ok(viewer, "/ogcapi/collections/parcels/items?phase=2").json("$.features[*].properties.code"))
                .containsExactly("G-C");
        assertThat((List<String>) ok(api(), "/ogcapi/collections/parcels/items?project=" + projectCode + "&status=planned&code=G-B")
                .json("$.features[*].properties.code")).containsExactly("G-B");
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/markers/items").json("$.features[*].properties.code"))
                .containsExactly("GM1");
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/cables/items").json("$.features[*].geometry.type"))
                .containsExactly("LineString");
        var phases = ok(viewer, "/ogcapi/collections/phases/items");
        assertThat((List<Integer>) phases.json("$.features[*].properties.parcelCount")).containsExactly(2, 1);
        assertThat(((Number) phases.json("$.features[0].properties.areaMu")).doubleValue()).isCloseTo(30.0, within(1e-3));
    }

    @Test
    void datetimeFiltersOnTheCollectionsInstant() {
        assertThat(((Number) ok(viewer, "/ogcapi/collections/parcels/items?datetime=2020-01-01T00:00:00Z/..").json("$.numberMatched"))
                .intValue()).isEqualTo(3);
        assertThat(((Number) ok(viewer, "/ogcapi/collections/parcels/items?datetime=../2020-01-01").json("$.numberMatched"))
                .intValue()).isZero();
        assertThat(((Number) ok(viewer, "/ogcapi/collections/markers/items?datetime=2020-01-01/2020-12-31").json("$.numberMatched"))
                .intValue()).isZero();
    }

    @Test
    void part2CrsGivesAuthorityAxisOrderBothWays() {
        // EPSG:4548 is northing first: the square's south-west corner comes back as [N0, E0]
        var gk = ok(viewer, "/ogcapi/collections/parcels/items?code=G-A&crs=" + enc(EPSG4548));
        assertThat(gk.header("Content-Crs")).isEqualTo("<" + EPSG4548 + ">");
        List<Number> corner = gk.json("$.features[0].geometry.coordinates[0][0][0]");
        assertThat(corner.get(0).doubleValue()).isCloseTo(N0, within(0.01));
        assertThat(corner.get(1).doubleValue()).isCloseTo(E0, within(0.01));
        // EPSG:4490 is latitude first; CRS84 longitude first
        List<Double> latLon = ok(viewer, "/ogcapi/collections/parcels/items?code=G-A&crs=" + enc(EPSG4490))
                .json("$.features[0].geometry.coordinates[0][0][0]");
        List<Double> lonLat = ok(viewer, "/ogcapi/collections/parcels/items?code=G-A").json("$.features[0].geometry.coordinates[0][0][0]");
        assertThat(latLon.get(0)).isBetween(34.0, 37.0);
        assertThat(lonLat.get(0)).isBetween(116.0, 117.0);
        assertThat(latLon.get(0)).isCloseTo(lonLat.get(1), within(1e-6));

        // bbox in EPSG:4548, northing first, around G-B only
        String box = String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f", N0 - 10, E0 + 990, N0 + 110, E0 + 1110);
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/parcels/items?bbox=" + box + "&bbox-crs=" + enc(EPSG4548))
                .json("$.features[*].properties.code")).containsExactly("G-B");
        String lonLatBox = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", lonLat.get(0) - 0.0001, lonLat.get(1) - 0.0001,
                lonLat.get(0) + 0.0003, lonLat.get(1) + 0.0003);
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/parcels/items?bbox=" + lonLatBox).json("$.features[*].properties.code"))
                .containsExactly("G-A");

        long id = ((Number) gk.json("$.features[0].id")).longValue();
        var item = ok(viewer, "/ogcapi/collections/parcels/items/" + id + "?crs=" + enc(EPSG4548));
        assertThat(((Number) item.json("$.geometry.coordinates[0][0][0][0]")).doubleValue()).isCloseTo(N0, within(0.01));
        assertThat((String) item.json("$.properties.code")).isEqualTo("G-A");
    }

    @Test
    void badRequestsAreProblems() {
        for (String bad : List.of("/ogcapi/collections/parcels/items?limit=0", "/ogcapi/collections/parcels/items?limit=x",
                "/ogcapi/collections/parcels/items?bbox=1,2,3", "/ogcapi/collections/parcels/items?bbox=117,36,116,35",
                "/ogcapi/collections/parcels/items?crs=EPSG:3857", "/ogcapi/collections/parcels/items?datetime=yesterday",
                "/ogcapi/collections/parcels/items?colour=red", "/ogcapi/collections/parcels/items?phase=one",
                "/ogcapi/collections/parcels/items?bbox=454000,3924000,455000,3925000" /* metres sent as CRS84 */)) {
            var r = viewer.get(bad);
            assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat((String) r.json("$.detail")).isNotBlank();
        }
        assertThat(viewer.get("/ogcapi/collections/boreholes-x").status()).isEqualTo(404);
        assertThat(viewer.get("/ogcapi/collections/parcels/items/999999999").status()).isEqualTo(404);
        long other = fixtures().project(Fixtures.uniqueCode("OGX"));
        fixtures().phase(other, 1);
        fixtures().importGeoJson(other, "?crs=EPSG:4548", collection(feature("X-A", 1, "Polygon", square(E0, N0, 10))));
        long otherParcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(other).query(Long.class).single();
        var hidden = viewer.get("/ogcapi/collections/parcels/items/" + otherParcel);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.contentType()).startsWith("application/problem+json");
    }

    @Test
    void ogrinfoListsTheCollectionsAndReadsEveryParcel() throws Exception {
        String url = "OAPIF:http://127.0.0.1:" + port + "/ogcapi";
        String layers = ogrinfo("-ro", "-q", url);
        assertThat(layers).contains("phases", "parcels", "cables", "markers", "boreholes", "alerts");

        String parcels = ogrinfo("-ro", "-al", url, "parcels");
        long inPostgis = jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        assertThat(parcels.split("OGRFeature\\(parcels\\)", -1).length - 1).isEqualTo((int) inPostgis);
        assertThat(parcels).contains("code (String) = G-A", "code (String) = G-C").contains("MULTIPOLYGON");
    }

    /**
     * GDAL's OGCAPI driver (Debian's 3.6.2), as a GIS user points it at the landing page: every collection is a
     * subdataset, and each opens as one layer whose feature count is the project's rows counted in PostGIS. The
     * collections that also advertise vector tilesets (parcels, cables, markers) are opened with {@code -oo API=ITEMS}:
     * in its AUTO mode GDAL 3.6.2 prefers the tilesets, reads the tileset and the tile matrix set and then builds no
     * layer, because after the tile matrix set it goes on only for map (raster) tiles — whatever the server sends (see
     * README, "OGC API – Tiles"). The others open in AUTO mode.
     */
    @Test
    void gdalOgcapiDriverOpensEveryCollectionWithThePostgisCount() throws Exception {
        twoBoreholes();
        String landing = ogrinfo("-ro", "OGCAPI:http://127.0.0.1:" + port + "/ogcapi");
        java.util.Map<String, String> subdatasets = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SUBDATASET_\\d+_NAME=(OGCAPI:\\S+/collections/(\\S+))").matcher(landing);
        while (m.find()) {
            subdatasets.put(m.group(2), m.group(1));
        }
        // counted in PostGIS by hand-written statements; DH-D is the one directional hole, so the one trace
        java.util.Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("phases", countInProject("SELECT count(*) FROM phase WHERE project_id = ?"));
        expected.put("parcels", countInProject("SELECT count(*) FROM parcel WHERE project_id = ?"));
        expected.put("cables", countInProject("SELECT count(*) FROM cable WHERE project_id = ? AND installation = 'trench'"));
        expected.put("borehole-cables", countInProject("SELECT count(*) FROM cable WHERE project_id = ? AND installation = 'borehole'"));
        expected.put("markers", countInProject("SELECT count(*) FROM point_sensor WHERE project_id = ?"));
        expected.put("boreholes", countInProject("SELECT count(*) FROM borehole WHERE project_id = ?"));
        expected.put("borehole-traces", 1L);
        expected.put("alerts", countInProject("SELECT count(*) FROM alert WHERE project_id = ?"));
        assertThat(subdatasets.keySet()).as(landing).containsExactlyElementsOf(expected.keySet());
        assertThat(expected.get("parcels")).isEqualTo(3);
        assertThat(expected.get("boreholes")).isEqualTo(2);

        List<String> tiled = List.of("parcels", "cables", "markers");
        for (var e : expected.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("-ro", "-so", "-al"));
            if (tiled.contains(e.getKey())) {
                args.addAll(List.of("-oo", "API=ITEMS"));
            }
            args.add(subdatasets.get(e.getKey()));
            String info = ogrinfo(args.toArray(String[]::new));
            assertThat(info).as(e.getKey()).contains("Layer name: " + e.getKey()).contains("Feature Count: " + e.getValue() + "\n");
        }
    }

    private long countInProject(String sql) {
        return jdbc.sql(sql).param(projectId).query(Long.class).single();
    }

    private void twoBoreholes() {
        fixtures().twoBoreholes(projectId);
    }

    /**
     * OWSLib, as a Python GIS script would use it: discovery from the landing page typed with a trailing slash,
     * conformance, collections, items with a bbox and in EPSG:4548. Expected codes from PostGIS.
     */
    @Test
    @SuppressWarnings("unchecked")
    void owslibDiscoversTheApiAndReadsItems() throws Exception {
        // a CRS84 box around G-A and G-B (not G-C), computed by PostGIS from the metres the parcels were made in
        List<Double> box = jdbc.sql("SELECT unnest(ARRAY[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]) FROM (SELECT ST_Transform("
                + "ST_MakeEnvelope(?, ?, ?, ?, 4548), 4326) b) q").params(E0 - 10, N0 - 10, E0 + 1110, N0 + 110).query(Double.class).list();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", new java.io.File("src/test/resources/owslib/read_features.py").getAbsolutePath())
                .redirectErrorStream(false);
        pb.environment().put("GW_URL", "http://127.0.0.1:" + port + "/ogcapi/");
        pb.environment().put("GW_TOKEN", viewerToken);
        pb.environment().put("GW_BBOX", box.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err + out).isZero();
        java.util.Map<String, Object> seen = com.jayway.jsonpath.JsonPath.read(out, "$");
        assertThat((List<String>) seen.get("links")).contains("self", "service-desc", "conformance", "data");
        assertThat((List<String>) seen.get("conformance")).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
        assertThat((List<String>) seen.get("collections")).contains("parcels", "cables", "markers");
        assertThat(seen.get("parcelsCollection")).isEqualTo("parcels");
        List<String> inPostgis = jdbc.sql("SELECT code FROM parcel WHERE project_id = ? ORDER BY code").param(projectId).query(String.class).list();
        assertThat((List<String>) seen.get("parcels")).containsExactlyElementsOf(inPostgis);
        assertThat((List<String>) seen.get("bboxParcels")).containsExactly("G-A", "G-B");
        // EPSG:4548 answers in metres of the Gauss-Krüger grid, not degrees
        assertThat(((Number) seen.get("firstEasting")).doubleValue()).isGreaterThan(100_000);
    }

    /**
     * QGIS loads a collection as a layer of one geometry type and hides features of any other, so each collection
     * has one: trench cables lines, borehole cables points, every hole's collar a point, the directional holes'
     * traces lines without a repeated first vertex. Counts from PostGIS.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyCollectionHasOneGeometryType() {
        var cable = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "BH-C", "installation": "borehole", "depthM": 80, "fiberLengthM": 200},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(E0 + 20, N0 + 20));
        assertThat(cable.status()).as(cable.toString()).isEqualTo(201);
        twoBoreholes();
        java.util.Map<String, String> expected = java.util.Map.of("cables", "LineString", "borehole-cables", "Point", "boreholes", "Point",
                "borehole-traces", "LineString", "markers", "Point");
        expected.forEach((collection, type) -> assertThat((List<String>) ok(viewer, "/ogcapi/collections/" + collection + "/items?limit=100")
                .json("$.features[*].geometry.type")).as(collection).isNotEmpty().containsOnly(type));
        long holes = jdbc.sql("SELECT count(*) FROM borehole WHERE project_id = ?").param(projectId).query(Long.class).single();
        assertThat(((Number) ok(viewer, "/ogcapi/collections/boreholes/items").json("$.numberMatched")).longValue()).isEqualTo(holes);
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/borehole-traces/items").json("$.features[*].properties.code"))
                .containsExactly("DH-D");
        List<List<Double>> trace = ok(viewer, "/ogcapi/collections/borehole-traces/items?crs=" + enc(EPSG4548))
                .json("$.features[0].geometry.coordinates");
        for (int i = 1; i < trace.size(); i++) {
            assertThat(trace.get(i)).as("vertex %d repeats the one before", i).isNotEqualTo(trace.get(i - 1));
        }
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/borehole-cables/items").json("$.features[*].properties.code"))
                .containsExactly("BH-C");
    }

    /** Part 1 details GIS clients trip over: 6-number and antimeridian boxes, the self link's crs, precision, the API definition. */
    @Test
    @SuppressWarnings("unchecked")
    void boxesSelfLinksPrecisionAndTheApiDefinitionFollowPart1() throws IOException {
        List<String> all = ok(viewer, "/ogcapi/collections/parcels/items").json("$.features[*].properties.code");
        // heights in a 6-number box are ignored (the collections are 2-D); the site at 116.5°E is inside 100°E → 170°W
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/parcels/items?bbox=100,30,-1000,-170,40,1000").json(
                "$.features[*].properties.code")).containsExactlyElementsOf(all);
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/parcels/items?bbox=100,30,-170,40").json("$.features[*].properties.code"))
                .containsExactlyElementsOf(all);
        assertThat((List<String>) ok(viewer, "/ogcapi/collections/parcels/items?bbox=120,30,-170,40").json("$.features[*].properties.code"))
                .isEmpty();

        long parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'G-A'").param(projectId).query(Long.class).single();
        var one = ok(viewer, "/ogcapi/collections/parcels/items/" + parcel + "?crs=" + enc(EPSG4548));
        String self = ((List<String>) one.json("$.links[?(@.rel == 'self')].href")).get(0);
        assertThat(self).contains("crs=" + enc(EPSG4548));
        assertThat(ok(viewer, self.substring(self.indexOf("/ogcapi"))).body()).isEqualTo(one.body());

        // about a centimetre: 7 decimals of a degree, 2 of a metre
        String degrees = ok(viewer, "/ogcapi/collections/parcels/items").body();
        assertThat(java.util.regex.Pattern.compile("\\d\\.\\d{8,}").matcher(degrees.replaceAll("\"[^\"]*\"", "")).find()).isFalse();
        String metres = ok(viewer, "/ogcapi/collections/parcels/items?crs=" + enc(EPSG4548)).body();
        assertThat(java.util.regex.Pattern.compile("\\d\\.\\d{3,}").matcher(((List<Object>) com.jayway.jsonpath.JsonPath.read(metres,
                "$.features[*].geometry.coordinates")).toString()).find()).isFalse();

        var zipped = viewer.getBytes("/ogcapi/collections/parcels/items", "Accept-Encoding", "gzip");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            List<String> codes = com.jayway.jsonpath.JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "$.features[*].properties.code");
            assertThat(codes).containsExactlyElementsOf(all);
        }

        var definition = ok(viewer, "/v3/api-docs/ogc");
        assertThat(definition.contentType()).startsWith("application/vnd.oai.openapi+json");
        String items = "$.paths['/ogcapi/collections/{collectionId}/items'].get";
        assertThat((List<String>) definition.json(items + ".parameters[?(@.name == 'limit')].schema.type")).containsExactly("integer");
        assertThat((List<String>) definition.json(items + ".parameters[?(@.name == 'offset')].schema.type")).containsExactly("integer");
        assertThat((List<String>) definition.json(items + ".parameters[?(@.name == 'bbox')].schema.type")).containsExactly("array");
        assertThat((java.util.Map<String, Object>) definition.json(items + ".responses")).containsKeys("200", "400", "404");
    }

    /** GDAL reads as the viewer, with the viewer's token. */
    private String ogrinfo(String... args) throws Exception {
        return Gdal.ogrinfo(java.util.Map.of("GDAL_HTTP_HEADERS", "Authorization: Bearer " + viewerToken), args);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
