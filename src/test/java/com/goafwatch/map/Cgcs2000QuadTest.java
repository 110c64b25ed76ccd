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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.site.SampleSiteLoader;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.SiteExtent;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;

/**
 * The CGCS2000 tile matrix set as clients meet it: the TMS document against the arithmetic of OGC 17-083r4 and
 * WorldCRS84Quad's published table, the tileset metadata, and every tile over the sample site at three levels decoded
 * by an independent MVT reader and compared with PostGIS's {@code ST_Intersects} with the buffered tile envelope in
 * EPSG:4490, the envelope computed here from the matrix (not by ST_TileEnvelope).
 */
class Cgcs2000QuadTest extends IntegrationTest {

    private static final String MVT = "application/vnd.mapbox-vector-tile";
    /** CGCS2000 semi-major axis (EPSG ellipsoid 1024), the same metre as WGS 84's. */
    private static final double A = 6378137.0;
    private static final double METRES_PER_DEGREE = 2 * Math.PI * A / 360;

    /**
     * OGC 17-083r4 Annex D, WorldCRS84Quad (CRS84, the same layout and ellipsoid size), levels 0..17 as published:
     * scale denominator, cell size in degrees. Independent of the service's arithmetic.
     */
    private static final double[][] WORLD_CRS84_QUAD = {
        {279541132.0143589, 0.703125},
        {139770566.0071794, 0.3515625},
        {69885283.00358972, 0.17578125},
        {34942641.50179486, 0.087890625},
        {17471320.75089743, 0.0439453125},
        {8735660.375448715, 0.02197265625},
        {4367830.187724357, 0.010986328125},
        {2183915.093862179, 0.0054931640625},
        {1091957.546931089, 0.00274658203125},
        {545978.7734655447, 0.001373291015625},
        {272989.3867327723, 0.0006866455078125},
        {136494.6933663862, 0.0003433227539062},
        {68247.34668319309, 0.0001716613769531},
        {34123.67334159654, 8.58306884765625e-05},
        {17061.83667079827, 4.291534423828125e-05},
        {8530.918335399136, 2.145767211914062e-05},
        {4265.459167699568, 1.072883605957031e-05},
        {2132.729583849784, 5.36441802978516e-06},
    };

    @Autowired
    SampleSiteLoader loader;

    private HttpApi.Response ok(String path) {
        var r = api().get(path);
        assertThat(r.status()).as(path + " → " + r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r;
    }

    private static void assertNumber(Object actual, double expected, double relative, String what) {
        assertThat(((Number) actual).doubleValue()).as(what).isCloseTo(expected, within(Math.abs(expected) * relative + 1e-15));
    }

    /**
     * Level z: 2^(z+1) × 2^z tiles from (90°N, 180°W), cell size 180° / 256 / 2^z, scale denominator = cell size ×
     * 2π·a/360 / 0.28 mm (17-083r4 §6.1.1 with the standardized 0.28 mm pixel), and for levels 0..17 the very numbers
     * WorldCRS84Quad publishes. Points in EPSG:4490's axis order: latitude first.
     */
    @Test
    @SuppressWarnings("unchecked")
    void tileMatrixSetIsTheWorldCrs84QuadLayoutOnCgcs2000() {
        var list = ok("/ogcapi/tileMatrixSets");
        assertThat((List<String>) list.json("$.tileMatrixSets[*].id")).containsExactly("WebMercatorQuad", "CGCS2000Quad");
        var tms = ok(local(href(list, "$.tileMatrixSets[1].links", "self")));
        assertThat((String) tms.json("$.id")).isEqualTo("CGCS2000Quad");
        assertThat((String) tms.json("$.crs")).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/4490");
        assertThat((List<String>) tms.json("$.orderedAxes")).containsExactly("Lat", "Lon");
        assertThat((Map<String, Object>) tms.json("$")).doesNotContainKeys("uri", "wellKnownScaleSet");
        assertThat((List<Number>) tms.json("$.boundingBox.lowerCorner")).extracting(Number::doubleValue).containsExactly(-90.0, -180.0);
        assertThat((List<Number>) tms.json("$.boundingBox.upperCorner")).extracting(Number::doubleValue).containsExactly(90.0, 180.0);
        List<Map<String, Object>> matrices = tms.json("$.tileMatrices");
        assertThat(matrices).hasSize(24);
        for (int z = 0; z < matrices.size(); z++) {
            Map<String, Object> m = matrices.get(z);
            double cell = 180.0 / 256 / Math.pow(2, z);
            assertThat(m.get("id")).isEqualTo(Integer.toString(z));
            assertNumber(m.get("cellSize"), cell, 1e-15, "cellSize " + z);
            assertNumber(m.get("scaleDenominator"), cell * METRES_PER_DEGREE / 0.00028, 1e-13, "scaleDenominator " + z);
            if (z < WORLD_CRS84_QUAD.length) {
                assertNumber(m.get("scaleDenominator"), WORLD_CRS84_QUAD[z][0], 1e-13, "published scaleDenominator " + z);
                assertNumber(m.get("cellSize"), WORLD_CRS84_QUAD[z][1], 1e-12, "published cellSize " + z);
            }
            assertThat((List<Number>) m.get("pointOfOrigin")).extracting(Number::doubleValue).containsExactly(90.0, -180.0);
            assertThat((List<Number>) m.get("topLeftCorner")).extracting(Number::doubleValue).containsExactly(90.0, -180.0);
            assertThat(m).containsEntry("cornerOfOrigin", "topLeft").containsEntry("tileWidth", 256).containsEntry("tileHeight", 256);
            assertThat(((Number) m.get("matrixWidth")).longValue()).as("matrixWidth %d", z).isEqualTo(2L << z);
            assertThat(((Number) m.get("matrixHeight")).longValue()).as("matrixHeight %d", z).isEqualTo(1L << z);
            // the matrix covers the globe exactly: width × 256 px × cell = 360°, height × 256 × cell = 180°
            assertThat(((Number) m.get("matrixWidth")).doubleValue() * 256 * cell).isEqualTo(360.0);
        }
    }

    /** OGC 20-057 tileset metadata for the set, dataset and collection, found from the tilesets lists. */
    @Test
    @SuppressWarnings("unchecked")
    void tilesetMetadataDescribesTheCgcs2000Tiles() {
        var tilesets = ok("/ogcapi/tiles");
        assertThat((List<String>) tilesets.json("$.tilesets[*].crs")).containsExactly("http://www.opengis.net/def/crs/EPSG/0/3857",
                "http://www.opengis.net/def/crs/EPSG/0/4490");
        var tileset = ok(local(href(tilesets, "$.tilesets[1].links", "self")));
        assertThat((String) tileset.json("$.dataType")).isEqualTo("vector");
        assertThat((String) tileset.json("$.crs")).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/4490");
        assertThat(href(tileset, "$.links", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme")).endsWith("/ogcapi/tileMatrixSets/CGCS2000Quad");
        assertThat(href(tileset, "$.links", "item")).endsWith("/ogcapi/tiles/CGCS2000Quad/{tileMatrix}/{tileRow}/{tileCol}");
        assertThat((List<String>) tileset.json("$.links[?(@.rel == 'item')].type")).containsExactly(MVT);
        assertThat((List<String>) tileset.json("$.links[*].rel")).doesNotContain("describedby");
        assertThat((List<String>) tileset.json("$.layers[*].id")).containsExactly("parcels", "cables", "markers");
        assertThat((List<String>) tileset.json("$.layers[*].maxTileMatrix")).containsOnly("23");

        var collectionTileset = ok(local(href(ok("/ogcapi/collections/markers/tiles"), "$.tilesets[1].links", "self")));
        assertThat((String) collectionTileset.json("$.crs")).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/4490");
        assertThat((List<String>) collectionTileset.json("$.layers[*].id")).containsExactly("markers");
        assertThat(href(collectionTileset, "$.links", "item")).endsWith("/ogcapi/collections/markers/tiles/CGCS2000Quad/{tileMatrix}/{tileRow}/{tileCol}");

        for (String noTileJson : List.of("/ogcapi/tiles/CGCS2000Quad/tilejson.json", "/ogcapi/collections/parcels/tiles/CGCS2000Quad/tilejson.json")) {
            var r = api().get(noTileJson);
            assertThat(r.status()).as(noTileJson).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat((String) r.json("$.detail")).contains("TileJSON 3.0.0 has no CRS");
        }
    }

    /**
     * Every tile over the sample site (and a ring around it) at levels 12, 14 and 16: its parcels, cables and markers are
     * by feature id those PostGIS's ST_Intersects finds in the tile envelope grown by the 64/4096 buffer, in EPSG:4490;
     * an empty tile is 204; and each marker sits where its CGCS2000 longitude and latitude put it in the tile.
     */
    @Test
    void everyTileOverTheSampleSiteHoldsWhatPostgisFindsInItsBufferedEnvelope() throws Exception {
        long projectId = loader.load(Path.of("gis-data/sample-site"));
        List<Double> extent = SiteExtent.of(jdbc, projectId, 4490);
        int tiles = 0;
        int empty = 0;
        int bufferOnly = 0; // features in a tile only through its buffer: the buffer semantics are exercised
        Set<String> seenLayers = new TreeSet<>();
        for (int z : new int[] {12, 14, 16}) {
            double span = 180.0 / Math.pow(2, z);
            int colMin = (int) Math.floor((extent.get(0) + 180) / span) - 1;
            int colMax = (int) Math.floor((extent.get(2) + 180) / span) + 1;
            int rowMin = (int) Math.floor((90 - extent.get(3)) / span) - 1;
            int rowMax = (int) Math.floor((90 - extent.get(1)) / span) + 1;
            for (int row = rowMin; row <= rowMax; row++) {
                for (int col = colMin; col <= colMax; col++) {
                    double west = -180 + col * span;
                    double north = 90 - row * span;
                    double margin = span * 64 / 4096;
                    Map<String, List<Long>> expected = new java.util.LinkedHashMap<>();
                    for (var layer : LAYER_SQL.entrySet()) {
                        expected.put(layer.getKey(), intersecting(layer.getValue(), projectId, west, north, span, margin));
                    }
                    bufferOnly += expected.get("parcels").size() - intersecting(LAYER_SQL.get("parcels"), projectId, west, north, span, 0).size();
                    String url = "/ogcapi/tiles/CGCS2000Quad/" + z + "/" + row + "/" + col + "?projectId=" + projectId;
                    HttpResponse<byte[]> r = api().getBytes(url);
                    tiles++;
                    if (expected.values().stream().allMatch(List::isEmpty)) {
                        assertThat(r.statusCode()).as(url).isEqualTo(204);
                        empty++;
                        continue;
                    }
                    assertThat(r.statusCode()).as(url).isEqualTo(200);
                    assertThat(r.headers().firstValue("Content-Type")).hasValue(MVT);
                    JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(r.body()), new GeometryFactory(),
                            new TagKeyValueMapConverter(false, "mvtId"));
                    for (var layer : expected.entrySet()) {
                        assertThat(ids(mvt, layer.getKey())).as(layer.getKey() + " of " + url).containsExactlyElementsOf(layer.getValue());
                        if (!layer.getValue().isEmpty()) {
                            seenLayers.add(layer.getKey());
                        }
                    }
                    assertMarkersInPlace(mvt, west, north, span);
                }
            }
        }
        assertThat(seenLayers).containsExactly("cables", "markers", "parcels");
        assertThat(empty).as("tiles in the ring hold nothing").isPositive();
        assertThat(bufferOnly).as("parcels lying only in a tile's buffer").isPositive();
        assertThat(tiles - empty).as("tiles with features").isGreaterThan(20);
    }

    /** Each layer's features meeting the envelope {@code e}, by hand from the tables (stored in EPSG:4490). */
    private static final Map<String, String> LAYER_SQL = Map.of(
            "parcels", "SELECT id FROM parcel WHERE project_id = ? AND ST_Intersects(geom, e)",
            "cables", "SELECT id FROM cable WHERE project_id = ? AND ST_Intersects(COALESCE(route, top_point), e)",
            "markers", "SELECT id FROM point_sensor WHERE project_id = ? AND ST_Intersects(location, e)");

    /** Ids from {@code sql} with {@code e} the tile (west, north, span) grown by {@code margin} degrees on each side. */
    private List<Long> intersecting(String sql, long projectId, double west, double north, double span, double margin) {
        return jdbc.sql("SELECT id FROM (" + sql.replace(", e)", ", ST_MakeEnvelope(?, ?, ?, ?, 4490))") + ") q ORDER BY id")
                .params(projectId, west - margin, north - span - margin, west + span + margin, north + margin).query(Long.class).list();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(JtsMvt mvt, String layer) {
        JtsLayer l = mvt.getLayer(layer);
        return l == null ? List.of()
                : l.getGeometries().stream().map(g -> ((Number) ((Map<String, Object>) g.getUserData()).get("mvtId")).longValue()).sorted().toList();
    }

    /** Tile units: x east from the west edge, y south from the north edge, 4096 a side; within one unit of the marker. */
    @SuppressWarnings("unchecked")
    private void assertMarkersInPlace(JtsMvt mvt, double west, double north, double span) {
        JtsLayer markers = mvt.getLayer("markers");
        if (markers == null) {
            return;
        }
        for (Geometry g : markers.getGeometries()) {
            long id = ((Number) ((Map<String, Object>) g.getUserData()).get("mvtId")).longValue();
            List<Double> lonLat = jdbc.sql("SELECT unnest(ARRAY[ST_X(location), ST_Y(location)]) FROM point_sensor WHERE id = ?").param(id)
                    .query(Double.class).list();
            double unit = span / 4096;
            assertThat(west + g.getCoordinate().x * unit).as("longitude of marker " + id).isCloseTo(lonLat.get(0), within(unit));
            assertThat(north - g.getCoordinate().y * unit).as("latitude of marker " + id).isCloseTo(lonLat.get(1), within(unit));
        }
    }

    /** The tiles share the WebMercatorQuad tiles' caching: ETag of the versions, revalidation, a new tag after an edit. */
    @Test
    void tilesAreRevalidatedAndNeverStaleAfterAnEdit() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("CGQ"));
        fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("CQ-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60))))
                .status()).isEqualTo(200);
        List<Double> lonLat = jdbc.sql("SELECT unnest(ARRAY[ST_X(c), ST_Y(c)]) FROM (SELECT ST_Centroid(geom) c FROM parcel WHERE project_id = ?) q")
                .param(projectId).query(Double.class).list();
        int z = 16;
        double span = 180.0 / (1 << z);
        String url = "/ogcapi/collections/parcels/tiles/CGCS2000Quad/" + z + "/" + (int) Math.floor((90 - lonLat.get(1)) / span) + "/"
                + (int) Math.floor((lonLat.get(0) + 180) / span) + "?projectId=" + projectId;
        var first = api().getBytes(url);
        assertThat(first.statusCode()).as(url).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-cache").contains("private");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(api().getBytes(url, "If-None-Match", etag).statusCode()).isEqualTo(304);

        long parcelId = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        var put = api().putJson("/api/v1/parcels/" + parcelId + "?crs=EPSG:4548",
                feature("CQ-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60)).replace("\"landUse\"", "\"status\": \"treating\", \"landUse\""));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        var after = api().getBytes(url, "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(after.body()), new GeometryFactory(), new TagKeyValueMapConverter());
        assertThat(mvt.getLayer("parcels").getGeometries()).extracting(g -> (Object) ((Map<?, ?>) g.getUserData()).get("status")).containsExactly("treating");
        assertThat(api().anonymous().get(url).status()).isEqualTo(401);
    }

    /** Level 0 is 2 columns × 1 row: row 1 or column 2 is no tile (404), as are level 24 and unknown sets; a non-number is 400. */
    @Test
    void addressesOutsideTheMatrixAreProblems() {
        assertThat(api().getBytes("/ogcapi/tiles/CGCS2000Quad/0/0/1").statusCode()).isIn(200, 204);
        for (String missing : List.of("/ogcapi/tiles/CGCS2000Quad/0/1/0", "/ogcapi/tiles/CGCS2000Quad/0/0/2", "/ogcapi/tiles/CGCS2000Quad/3/8/0",
                "/ogcapi/tiles/CGCS2000Quad/3/0/16", "/ogcapi/tiles/CGCS2000Quad/3/-1/0", "/ogcapi/tiles/CGCS2000Quad/24/0/0",
                "/ogcapi/collections/parcels/tiles/CGCS2000Quad/1/2/0", "/ogcapi/tileMatrixSets/CGCS2000", "/ogcapi/tiles/CGCS2000/1/0/0")) {
            var r = api().get(missing);
            assertThat(r.status()).as(missing).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat((String) api().get("/ogcapi/tiles/CGCS2000Quad/0/1/0").json("$.detail")).contains("CGCS2000Quad", "rows 0..0", "columns 0..1");
        var bad = api().get("/ogcapi/tiles/CGCS2000Quad/3/0/x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.json("$.detail")).contains("tileCol");
        // the last column of level 3 exists: 16 columns, 8 rows
        assertThat(api().getBytes("/ogcapi/tiles/CGCS2000Quad/3/7/15").statusCode()).isIn(200, 204);
    }
}
