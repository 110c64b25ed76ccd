package com.goafwatch.map;

import static com.goafwatch.support.OgcLinks.href;
import static com.goafwatch.support.OgcLinks.local;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import com.goafwatch.support.Gdal;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;

/**
 * OGC API – Tiles and TileJSON as clients meet them: discovery from the landing page to a tile, the documents'
 * members the standards require (OGC 20-057 tileset and tilesets list, 17-083r4 TMS JSON, TileJSON 3.0.0), the tile
 * matrix set against the Web Mercator arithmetic, tiles decoded by an independent MVT reader, and GDAL's OGCAPI driver.
 */
class OgcTilesTest extends IntegrationTest {

    /** WGS 84 semi-major axis, the sphere of EPSG:3857. */
    private static final double A = 6378137.0;
    private static final String MVT = "application/vnd.mapbox-vector-tile";

    private long projectId;
    private HttpApi viewer;
    private String viewerToken;
    private int[] tile; // z, x, y of the z16 tile holding parcel OT-A's centre

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("OTL"));
        fixtures().phase(projectId, 1);
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("OT-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60)),
                feature("OT-B", 1, "Polygon", square(E0 + 3000, N0 + 3000, 60))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        fixtures().trenchCable(projectId, "OTC1", E0, N0 + 40, E0 + 80, N0 + 40, 120);
        var m = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "OTM1", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", E0 + 40, N0 + 30));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        var t = api().postJson("/api/v1/admin/tokens", """
                {"name": "otl-%d", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(projectId, projectId));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        viewerToken = t.json("$.secret");
        viewer = api().bearer(viewerToken);
        tile = com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 40, N0 + 40);
    }


    private HttpApi.Response ok(String path) {
        var r = viewer.get(path);
        assertThat(r.status()).as(path + " → " + r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r;
    }

    private static JtsMvt decode(byte[] bytes) throws Exception {
        return MvtReader.loadMvt(new ByteArrayInputStream(bytes), new GeometryFactory(), new TagKeyValueMapConverter());
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(JtsMvt mvt, String layer) {
        JtsLayer l = mvt.getLayer(layer);
        return l == null ? List.of() : l.getGeometries().stream().map(g -> (String) ((Map<String, Object>) g.getUserData()).get("code"))
                .sorted().toList();
    }

    /**
     * Every level of WebMercatorQuad against the arithmetic of the projection: cell size = 2π·a / 256 / 2^z, scale
     * denominator = cell size / 0.28 mm (the standard rendering pixel), origin at (−π·a, π·a), 2^z tiles a side.
     */
    @Test
    @SuppressWarnings("unchecked")
    void tileMatrixSetIsWebMercatorQuadOfTheStandard() {
        var list = ok("/ogcapi/tileMatrixSets");
        assertThat((List<String>) list.json("$.tileMatrixSets[*].id")).containsExactly("WebMercatorQuad", "CGCS2000Quad");
        var tms = ok(local(href(list, "$.tileMatrixSets[0].links", "self")));
        assertThat((String) tms.json("$.id")).isEqualTo("WebMercatorQuad");
        assertThat((String) tms.json("$.uri")).isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        assertThat((String) tms.json("$.crs")).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        List<Map<String, Object>> matrices = tms.json("$.tileMatrices");
        assertThat(matrices).hasSize(25);
        for (int z = 0; z < matrices.size(); z++) {
            Map<String, Object> m = matrices.get(z);
            double cell = 2 * Math.PI * A / 256 / Math.pow(2, z);
            assertThat(m.get("id")).isEqualTo(Integer.toString(z));
            assertThat(((Number) m.get("cellSize")).doubleValue()).as("cellSize %d", z).isCloseTo(cell, within(cell * 1e-12));
            assertThat(((Number) m.get("scaleDenominator")).doubleValue()).as("scaleDenominator %d", z)
                    .isCloseTo(cell / 0.00028, within(cell / 0.00028 * 1e-12));
            List<Number> origin = (List<Number>) m.get("pointOfOrigin");
            assertThat(origin.get(0).doubleValue()).isCloseTo(-Math.PI * A, within(1e-6));
            assertThat(origin.get(1).doubleValue()).isCloseTo(Math.PI * A, within(1e-6));
            assertThat(m).containsEntry("cornerOfOrigin", "topLeft").containsEntry("tileWidth", 256).containsEntry("tileHeight", 256);
            assertThat(((Number) m.get("matrixWidth")).longValue()).isEqualTo(1L << z);
            assertThat(((Number) m.get("matrixHeight")).longValue()).isEqualTo(1L << z);
        }
        assertThat(viewer.get("/ogcapi/tileMatrixSets/WorldCRS84Quad").status()).isEqualTo(404);
    }

    /** Landing page → tilesets → tileset metadata → tile template → a tile whose parcel is the one built there. */
    @Test
    @SuppressWarnings("unchecked")
    void clientsDiscoverTheTilesFromTheLandingPage() throws Exception {
        List<String> conformsTo = ok("/ogcapi/conformance").json("$.conformsTo");
        assertThat(conformsTo).contains("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt");
        var landing = ok("/ogcapi");
        href(landing, "$.links", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes");
        var tilesets = ok(local(href(landing, "$.links", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector")));
        // tilesets list (20-057 /req/tilesets-list): each entry has dataType, crs, a tiling scheme and a self link
        assertThat((List<String>) tilesets.json("$.tilesets[*].dataType")).containsExactly("vector", "vector");
        // WebMercatorQuad first; CGCS2000Quad's tilesets: Cgcs2000QuadTest
        assertThat((List<String>) tilesets.json("$.tilesets[*].crs")).containsExactly("http://www.opengis.net/def/crs/EPSG/0/3857",
                "http://www.opengis.net/def/crs/EPSG/0/4490");
        href(tilesets, "$.tilesets[0].links", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme");
        var tileset = ok(local(href(tilesets, "$.tilesets[0].links", "self")));
        assertTileset(tileset, List.of("parcels", "cables", "markers"));

        String template = href(tileset, "$.links", "item");
        assertThat(template).endsWith("/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
        String url = local(template).replace("{tileMatrix}", "" + tile[0]).replace("{tileRow}", "" + tile[2]).replace("{tileCol}", "" + tile[1]);
        var r = viewer.getBytes(url);
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MVT);
        JtsMvt all = decode(r.body());
        assertThat(codes(all, "parcels")).containsExactly("OT-A");
        assertThat(codes(all, "cables")).containsExactly("OTC1");
        assertThat(codes(all, "markers")).containsExactly("OTM1");

        // a collection's tiles hold its layer alone, byte for byte the /tiles tile of that layer
        var parcels = ok("/ogcapi/collections/parcels");
        var collectionTilesets = ok(local(href(parcels, "$.links", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector")));
        var collectionTileset = ok(local(href(collectionTilesets, "$.tilesets[0].links", "self")));
        assertTileset(collectionTileset, List.of("parcels"));
        String one = local(href(collectionTileset, "$.links", "item")).replace("{tileMatrix}", "" + tile[0])
                .replace("{tileRow}", "" + tile[2]).replace("{tileCol}", "" + tile[1]);
        byte[] layerTile = viewer.getBytes(one).body();
        assertThat(decode(layerTile).getLayers()).extracting(JtsLayer::getName).containsExactly("parcels");
        assertThat(layerTile).isEqualTo(viewer.getBytes("/tiles/parcels/" + tile[0] + "/" + tile[1] + "/" + tile[2] + ".mvt").body());
        assertThat(((List<String>) ok("/ogcapi/collections/alerts").json("$.links[*].rel")))
                .doesNotContain("http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
    }

    /** The members OGC 20-057 requires of tileset metadata (/req/tileset/tm-success and the tileSet.json schema). */
    @SuppressWarnings("unchecked")
    private static void assertTileset(HttpApi.Response tileset, List<String> layers) {
        assertThat((String) tileset.json("$.dataType")).isEqualTo("vector");
        assertThat((String) tileset.json("$.crs")).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        assertThat((String) tileset.json("$.tileMatrixSetURI")).isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        href(tileset, "$.links", "self");
        assertThat(href(tileset, "$.links", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme")).endsWith("/ogcapi/tileMatrixSets/WebMercatorQuad");
        assertThat((List<Boolean>) tileset.json("$.links[?(@.rel == 'item')].templated")).containsExactly(true);
        assertThat((List<String>) tileset.json("$.links[?(@.rel == 'item')].type")).containsExactly(MVT);
        assertThat((List<String>) tileset.json("$.layers[*].id")).containsExactlyElementsOf(layers);
        assertThat((List<String>) tileset.json("$.layers[*].dataType")).containsOnly("vector");
    }

    @Test
    void badAndMissingTilesAnswerProblems() {
        int[] far = com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 1500, N0 + 1500);
        assertThat(viewer.getBytes("/ogcapi/tiles/WebMercatorQuad/16/" + far[2] + "/" + far[1]).statusCode()).isEqualTo(204);
        for (String missing : List.of("/ogcapi/tiles/WebMercatorQuad/3/8/0", "/ogcapi/tiles/WebMercatorQuad/3/0/-1",
                "/ogcapi/tiles/WebMercatorQuad/25/0/0", "/ogcapi/tiles/WorldCRS84Quad/1/0/0", "/ogcapi/collections/alerts/tiles",
                "/ogcapi/collections/parcels/tiles/WorldCRS84Quad")) {
            var r = viewer.get(missing);
            assertThat(r.status()).as(missing).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        var bad = viewer.get("/ogcapi/tiles/WebMercatorQuad/16/x/0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.json("$.detail")).contains("tileRow");
        assertThat(viewer.anonymous().get("/ogcapi/tiles/WebMercatorQuad/" + tile[0] + "/" + tile[2] + "/" + tile[1]).status()).isEqualTo(401);
    }

    /**
     * TileJSON 3.0.0: version, a tiles template, zoom range, bounds of the viewer's project (PostGIS extent of its
     * features, computed here) and vector_layers whose fields are exactly the attributes found in a decoded tile.
     */
    @Test
    @SuppressWarnings("unchecked")
    void tileJsonDescribesTheTilesAndTheProjectExtent() throws Exception {
        var tileset = ok("/ogcapi/tiles/WebMercatorQuad");
        var tj = ok(local(href(tileset, "$.links", "describedby")));
        assertThat((String) tj.json("$.tilejson")).isEqualTo("3.0.0");
        List<String> tiles = tj.json("$.tiles");
        assertThat(tiles).hasSize(1);
        assertThat(tiles.get(0)).endsWith("/ogcapi/tiles/WebMercatorQuad/{z}/{y}/{x}");
        assertThat(((Number) tj.json("$.minzoom")).intValue()).isZero();
        assertThat(((Number) tj.json("$.maxzoom")).intValue()).isEqualTo(24);

        List<Double> expected = jdbc.sql("""
                SELECT unnest(ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]) FROM (SELECT ST_Extent(ST_Transform(g, 4326)) e FROM (
                    SELECT geom g FROM parcel WHERE project_id = ? UNION ALL SELECT route FROM cable WHERE project_id = ?
                    UNION ALL SELECT location FROM point_sensor WHERE project_id = ?) u) x""")
                .params(projectId, projectId, projectId).query(Double.class).list();
        List<Number> bounds = tj.json("$.bounds");
        for (int i = 0; i < 4; i++) {
            assertThat(bounds.get(i).doubleValue()).as("bounds[%d]", i).isCloseTo(expected.get(i), within(1e-9));
        }

        String url = local(tiles.get(0)).replace("{z}", "" + tile[0]).replace("{y}", "" + tile[2]).replace("{x}", "" + tile[1]);
        JtsMvt mvt = decode(viewer.getBytes(url).body());
        List<Map<String, Object>> layers = tj.json("$.vector_layers");
        assertThat(layers).extracting(l -> l.get("id")).containsExactly("parcels", "cables", "markers");
        for (Map<String, Object> layer : layers) {
            Set<String> inTile = new TreeSet<>();
            for (Geometry g : mvt.getLayer((String) layer.get("id")).getGeometries()) {
                ((Map<String, Object>) g.getUserData()).forEach((k, v) -> {
                    if (v != null) {
                        inTile.add(k);
                    }
                });
            }
            Set<String> declared = new TreeSet<>(((Map<String, Object>) layer.get("fields")).keySet());
            assertThat(declared).as("fields of " + layer.get("id")).containsAll(inTile);
        }
        var one = ok("/ogcapi/collections/markers/tiles/WebMercatorQuad/tilejson.json?projectId=" + projectId);
        assertThat((List<String>) one.json("$.vector_layers[*].id")).containsExactly("markers");
        assertThat(((List<String>) one.json("$.tiles")).get(0)).endsWith("/ogcapi/collections/markers/tiles/WebMercatorQuad/{z}/{y}/{x}?projectId="
                + projectId);
    }

    /**
     * GDAL reads the tiles a client discovers: the template from the dataset's tileset metadata, filled in for the tile
     * holding OT-A, fetched and opened by GDAL's MVT driver. Its parcels are those PostGIS finds in the tile's envelope
     * grown by the 64/4096 buffer, the envelope computed here from the Web Mercator arithmetic. (GDAL 3.6's OGCAPI
     * driver reads the tile matrix set but opens no layer from this tileset; see README.)
     */
    @Test
    void gdalReadsTheTilesFoundThroughTheTilesetMetadata() throws Exception {
        String template = href(ok("/ogcapi/tiles/WebMercatorQuad"), "$.links", "item");
        String url = template.replace("{tileMatrix}", "" + tile[0]).replace("{tileRow}", "" + tile[2]).replace("{tileCol}", "" + tile[1]);
        // fetched here and handed to GDAL as a file: GDAL 3.6 identifies an MVT over /vsicurl/ only by a .pbf/.mvt name
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ogc-tile", "");
        java.nio.file.Files.write(file, viewer.getBytes(local(url)).body());
        String out = Gdal.ogrinfo("-ro", "-al", "-oo", "Z=" + tile[0], "-oo", "X=" + tile[1], "-oo", "Y=" + tile[2], file.toString());
        java.nio.file.Files.delete(file);

        double size = 2 * Math.PI * A / (1 << tile[0]);
        double margin = size * 64 / 4096;
        double minX = -Math.PI * A + tile[1] * size - margin;
        double maxY = Math.PI * A - tile[2] * size + margin;
        List<String> expected = jdbc.sql("SELECT code FROM parcel WHERE project_id = ? AND ST_Intersects(ST_Transform(geom, 3857), "
                + "ST_MakeEnvelope(?, ?, ?, ?, 3857)) ORDER BY code")
                .params(projectId, minX, maxY - size - 2 * margin, minX + size + 2 * margin, maxY).query(String.class).list();
        assertThat(expected).containsExactly("OT-A");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("OGRFeature\\(parcels\\)[\\s\\S]*?code \\(String\\) = (\\S+)").matcher(out);
        List<String> read = new java.util.ArrayList<>();
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).as(out).containsExactlyElementsOf(expected);
        assertThat(out).contains("Layer name: cables", "Layer name: markers", "POLYGON");
    }
}
