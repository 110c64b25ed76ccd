package com.goafwatch.map;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;

/**
 * Tiles decoded with an independent MVT reader: known features and attributes in the tile over a
 * hand-made site, empty tiles, bad addresses, project scoping, and revalidation after an edit.
 */
class TileTest extends IntegrationTest {

    private long projectId;
    private int[] tile; // z, x, y of the z16 tile holding parcel T-A's centre

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("TIL"));
        fixtures().phase(projectId, 1);
        fixtures().phase(projectId, 2);
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("T-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60)),
                feature("T-B", 2, "Polygon", square(E0 + 5000, N0 + 5000, 60))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        fixtures().trenchCable(projectId, "TC1", E0, N0 + 40, E0 + 80, N0 + 40, 120);
        tile = com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 40, N0 + 40);
    }


    private String path(String layer, int[] t) {
        return "/tiles/" + layer + "/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt?project=" + projectId;
    }

    private static Collection<Geometry> features(HttpResponse<byte[]> r, String layer) throws Exception {
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(r.body()), new GeometryFactory(), new TagKeyValueMapConverter());
        return mvt.getLayer(layer) == null ? List.of() : mvt.getLayer(layer).getGeometries();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Geometry g) {
        return (Map<String, Object>) g.getUserData();
    }

    @Test
    void parcelTileHoldsTheParcelWithItsAttributes() throws Exception {
        var r = api().getBytes(path("parcels", tile));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
        assertThat(r.headers().firstValue("ETag")).isPresent();
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-cache").contains("private");
        Collection<Geometry> parcels = features(r, "parcels");
        assertThat(parcels).hasSize(1);
        Map<String, Object> a = attributes(parcels.iterator().next());
        assertThat(a).containsEntry("code", "T-A").containsEntry("status", "planned");
        assertThat(((Number) a.get("phase")).intValue()).isEqualTo(1);
        assertThat(((Number) a.get("areaMu")).doubleValue()).isCloseTo(5.4, org.assertj.core.api.Assertions.within(0.001));
        assertThat(parcels.iterator().next().getGeometryType()).isIn("Polygon", "MultiPolygon");

        Collection<Geometry> cables = features(api().getBytes(path("cables", tile)), "cables");
        assertThat(cables).extracting(g -> attributes(g).get("code")).containsExactly("TC1");
        assertThat(cables.iterator().next().getGeometryType()).isIn("LineString", "MultiLineString");
    }

    @Test
    void flagLevelInTheTileFollowsTheMonitoringLayout() throws Exception {
        // the cable crosses T-A, so the parcel is measured but not yet evaluated; nothing measures T-B
        var r = api().getBytes(path("parcels", tile));
        assertThat(features(r, "parcels")).extracting(g -> attributes(g).get("flagLevel")).containsExactly("unknown");
        var b = api().getBytes(path("parcels", com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 5030, N0 + 5030)));
        assertThat(features(b, "parcels")).extracting(g -> attributes(g).get("flagLevel")).containsExactly("not_monitored");
    }

    @Test
    void emptyTileIs204AndOutOfRangeIs400() {
        int[] far = com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 2500, N0 + 2500);
        var empty = api().getBytes(path("parcels", far));
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();

        for (String bad : List.of("/tiles/parcels/3/8/0.mvt", "/tiles/parcels/3/0/-1.mvt", "/tiles/parcels/25/0/0.mvt",
                "/tiles/parcels/x/0/0.mvt")) {
            var r = api().get(bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat((String) r.json("$.detail")).isNotBlank();
        }
        var unknown = api().get("/tiles/boreholes-x/1/0/0.mvt");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api().anonymous().get(path("parcels", tile)).status()).isEqualTo(401);
    }

    @Test
    void anEditChangesTheTagAndTheTile() throws Exception {
        var first = api().getBytes(path("parcels", tile));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        var again = api().getBytes(path("parcels", tile), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);

        long parcelId = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'T-A'").param(projectId).query(Long.class).single();
        var put = api().putJson("/api/v1/parcels/" + parcelId + "?crs=EPSG:4548",
                feature("T-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60)).replace("\"landUse\"", "\"status\": \"treating\", \"landUse\""));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        var after = api().getBytes(path("parcels", tile), "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(features(after, "parcels")).extracting(g -> attributes(g).get("status")).containsExactly("treating");
    }

    @Test
    void callersSeeOnlyTheirProjectsFeatures() throws Exception {
        long other = fixtures().project(Fixtures.uniqueCode("TIO"));
        fixtures().phase(other, 1);
        assertThat(fixtures().importGeoJson(other, "?crs=EPSG:4548", collection(feature("O-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60))))
                .status()).isEqualTo(200);
        String name = Fixtures.uniqueCode("tv").toLowerCase();
        var u = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "viewer", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(name, other, name));
        assertThat(u.status()).as(u.toString()).isEqualTo(201);
        var viewer = api().as(name, "pw-" + name + "-long-enough");

        String all = "/tiles/parcels/" + tile[0] + "/" + tile[1] + "/" + tile[2] + ".mvt";
        Collection<Geometry> seen = features(viewer.getBytes(all), "parcels");
        assertThat(seen).isNotEmpty();
        assertThat(seen.stream().map(g -> ((Number) attributes(g).get("projectId")).longValue()).collect(Collectors.toSet()))
                .containsExactly(other);
        assertThat(viewer.getBytes(path("parcels", tile)).statusCode()).isEqualTo(403);
    }

    /**
     * A parcel and a marker lying 1–3 m east of a tile's east edge are in that tile's 64-px buffer (64/4096 of a z16
     * tile ≈ 9.6 Mercator m ≈ 7.8 m of ground here), so they are drawn to the seam; the tile beyond the buffer has
     * neither. The edge comes from the slippy-map formula, not from ST_TileEnvelope.
     */
    @Test
    void featuresInTheBufferAreDrawnUpToTheSeam() throws Exception {
        int z = 16;
        int[] home = com.goafwatch.support.SlippyTiles.holding(jdbc, z, E0 + 3000, N0 + 3000);
        double edgeLon = (double) home[1] / (1 << z) * 360 - 180;
        double lat = jdbc.sql("SELECT ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4326))").params(E0 + 3000, N0 + 3000)
                .query(Double.class).single();
        List<Double> edge = jdbc.sql("SELECT unnest(ARRAY[ST_X(p), ST_Y(p)]) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 4548) p) q")
                .params(edgeLon, lat).query(Double.class).list();
        double e = edge.get(0);
        double n = edge.get(1);
        long buffered = fixtures().project(Fixtures.uniqueCode("TBF"));
        fixtures().phase(buffered, 1);
        assertThat(fixtures().importGeoJson(buffered, "?crs=EPSG:4548", collection(feature("EDGE", 1, "Polygon", square(e + 1, n, 2))))
                .status()).isEqualTo(200);
        var m = api().postJson("/api/v1/projects/" + buffered + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "SM-EDGE", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(e + 2, n + 1));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        int[] west = {z, home[1] - 1, home[2]};
        int[] farWest = {z, home[1] - 2, home[2]};
        String q = "?project=" + buffered;
        for (String layer : List.of("parcels", "markers")) {
            String at = "/tiles/" + layer + "/" + z + "/";
            assertThat(features(api().getBytes(at + home[1] + "/" + home[2] + ".mvt" + q), layer)).as(layer + " in its own tile").hasSize(1);
            assertThat(features(api().getBytes(at + west[1] + "/" + west[2] + ".mvt" + q), layer)).as(layer + " in the west tile's buffer")
                    .hasSize(1);
            assertThat(api().getBytes(at + farWest[1] + "/" + farWest[2] + ".mvt" + q).statusCode()).as(layer + " two tiles west").isEqualTo(204);
        }
    }
}
