package com.goafwatch.map;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What Debian's GDAL 3.6.2 makes of CGCS2000Quad. It reads the tile matrix set document: as a COG tiling scheme
 * ({@code gdal_translate -of COG -co TILING_SCHEME=<the document>}) it lays a raster in EPSG:4490 on exactly the tile
 * grid computed here from 17-083r4 (origin on a tile corner counted from (90°N, 180°W), cell 180°/256/2^z) — which it
 * does only when the origin is written latitude first, as EPSG:4490 orders its axes. Its OGCAPI driver opens no layer
 * from the set's vector tileset (README, "OGC API – Tiles").
 */
class Cgcs2000QuadGdalTest extends IntegrationTest {

    @Test
    void gdalLaysARasterOnTheTileGridOfTheServedDefinition() throws Exception {
        Path dir = Files.createTempDirectory("cgcs-gdal");
        Path tms = dir.resolve("CGCS2000Quad.json");
        var doc = api().get("/ogcapi/tileMatrixSets/CGCS2000Quad");
        assertThat(doc.status()).isEqualTo(200);
        Files.writeString(tms, doc.body());
        List<Double> lonLat = jdbc.sql("SELECT unnest(ARRAY[ST_X(p), ST_Y(p)]) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4490) p) q")
                .params(E0, N0).query(Double.class).list();
        double west = lonLat.get(0) - 0.05;
        double north = lonLat.get(1) + 0.05;
        Path in = dir.resolve("site.tif");
        run("gdal_create", "-of", "GTiff", "-outsize", "100", "100", "-bands", "1", "-burn", "7", "-a_srs", "EPSG:4490", "-a_ullr",
                fmt(west), fmt(north), fmt(west + 0.1), fmt(north - 0.1), in.toString());
        for (int z : new int[] {10, 14}) {
            Path out = dir.resolve("cog-" + z + ".tif");
            run("gdal_translate", "-q", "-of", "COG", "-co", "TILING_SCHEME=" + tms, "-co", "ZOOM_LEVEL=" + z, in.toString(), out.toString());
            JsonNode info = new ObjectMapper().readTree(run("gdalinfo", "-json", out.toString()));
            JsonNode gt = info.path("geoTransform");
            double cell = 180.0 / 256 / Math.pow(2, z);
            double span = 180.0 / Math.pow(2, z);
            double originX = -180 + Math.floor((west + 180) / span) * span;
            double originY = 90 - Math.floor((90 - north) / span) * span;
            assertThat(gt.get(1).asDouble()).as("pixel width at level %d", z).isCloseTo(cell, within(cell * 1e-9));
            assertThat(gt.get(5).asDouble()).as("pixel height at level %d", z).isCloseTo(-cell, within(cell * 1e-9));
            assertThat(gt.get(0).asDouble()).as("west edge at level %d", z).isCloseTo(originX, within(cell * 1e-6));
            assertThat(gt.get(3).asDouble()).as("north edge at level %d", z).isCloseTo(originY, within(cell * 1e-6));
            assertThat(info.path("coordinateSystem").path("wkt").asString()).contains("ID[\"EPSG\",4490]");
        }
    }

    /** {@code ogrinfo OGCAPI:…/collections/parcels -oo API=TILES -oo TILEMATRIXSET=CGCS2000Quad}, as the GDAL docs spell it. */
    @Test
    void gdalOgcapiDriverOpensNoLayerFromTheVectorTileset() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("CGG"));
        var t = api().postJson("/api/v1/admin/tokens", """
                {"name": "cgg-%d", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(projectId, projectId));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        ProcessBuilder pb = new ProcessBuilder("ogrinfo", "-ro", "-oo", "API=TILES", "-oo", "TILEMATRIXSET=CGCS2000Quad",
                "OGCAPI:http://127.0.0.1:" + port + "/ogcapi/collections/parcels").redirectErrorStream(true);
        pb.environment().put("GDAL_HTTP_HEADERS", "Authorization: Bearer " + t.json("$.secret"));
        pb.environment().put("CPL_DEBUG", "ON"); // GDAL names each URL it fetches
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        // it reads the collection's tilesets list, finds no tileMatrixSetURI naming CGCS2000Quad (the set has no registered
        // URI) and stops; a GDAL that opens the set should be tested here instead
        assertThat(out).contains("HTTP: Fetch(http://127.0.0.1:" + port + "/ogcapi/collections/parcels/tiles)", "Cannot find tilematrixset");
        assertThat(out).doesNotContain("parcels (");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9f", v);
    }

    private static String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
        Process p = pb.start();
        // stdout alone: gdalinfo -json must stay parseable; stderr drained on its own thread
        var err = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        drain.join();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out + err).isZero();
        return out;
    }
}
