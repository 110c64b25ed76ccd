package com.goafwatch.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.site.SampleSiteLoader;
import com.goafwatch.support.Gdal;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.SiteExtent;

/**
 * GDAL, as a GIS user's client, reads every WebMercatorQuad tile over the sample site at z14–17 (and a ring of tiles
 * around it): each tile's parcels, cables and markers, by feature id, are those PostGIS's ST_Intersects finds in the
 * tile's envelope grown by the 64/4096 buffer — the envelope computed here from the Web Mercator arithmetic, not by the
 * service. Before the fix the tiles left out features lying only in the buffer (16 of 166 parcel tiles), cutting
 * strokes at the seams. GDAL's MVT driver is told not to clip ({@code CLIP=NO}), or it would cut the buffer away itself.
 */
class SampleSiteTilesGdalTest extends IntegrationTest {

    /** WGS 84 / Pseudo-Mercator's sphere (EPSG:3857). */
    private static final double A = 6378137.0;
    private static final double WORLD = 2 * Math.PI * A;

    /** Each layer's features meeting the envelope {@code e} (EPSG:3857), by hand from the tables. */
    private static final Map<String, String> LAYER_SQL = Map.of(
            "parcels", "SELECT id FROM parcel WHERE project_id = ? AND ST_Intersects(ST_Transform(geom, 3857), e)",
            "cables", "SELECT id FROM cable WHERE project_id = ? AND ST_Intersects(ST_Transform(COALESCE(route, top_point), 3857), e)",
            "markers", "SELECT id FROM point_sensor WHERE project_id = ? AND ST_Intersects(ST_Transform(location, 3857), e)");

    /** A feature as ogrinfo prints it: GDAL numbers features 0…n and gives the tile's own feature id as {@code mvt_id}. */
    private static final Pattern FEATURE = Pattern.compile("^OGRFeature\\((\\w+)\\):\\d+\\s+mvt_id \\(Integer64\\) = (\\d+)$",
            Pattern.MULTILINE);

    @Autowired
    SampleSiteLoader loader;

    @Test
    void gdalReadsEveryTileOfTheSampleSiteWithWhatPostgisFindsInItsBufferedEnvelope() throws Exception {
        long projectId = loader.load(Path.of("gis-data/sample-site"));
        List<Double> extent = SiteExtent.of(jdbc, projectId, 3857);
        int read = 0;
        int empty = 0;
        int bufferOnly = 0; // tiles holding a feature only through their buffer: the buffer semantics are exercised
        Set<String> seenLayers = new TreeSet<>();
        Path file = Files.createTempFile("site-tile", ".mvt");
        try {
            for (int z = 14; z <= 17; z++) {
                double size = WORLD / (1 << z);
                int colMin = (int) Math.floor((extent.get(0) + WORLD / 2) / size) - 1;
                int colMax = (int) Math.floor((extent.get(2) + WORLD / 2) / size) + 1;
                int rowMin = (int) Math.floor((WORLD / 2 - extent.get(3)) / size) - 1;
                int rowMax = (int) Math.floor((WORLD / 2 - extent.get(1)) / size) + 1;
                for (int row = rowMin; row <= rowMax; row++) {
                    for (int col = colMin; col <= colMax; col++) {
                        double west = -WORLD / 2 + col * size;
                        double north = WORLD / 2 - row * size;
                        double margin = size * 64 / 4096;
                        Map<String, List<Long>> expected = new LinkedHashMap<>();
                        boolean throughBuffer = false;
                        for (String layer : List.of("parcels", "cables", "markers")) {
                            List<Long> buffered = intersecting(LAYER_SQL.get(layer), projectId, west, north, size, margin);
                            expected.put(layer, buffered);
                            throughBuffer |= buffered.size() > intersecting(LAYER_SQL.get(layer), projectId, west, north, size, 0).size();
                        }
                        String url = "/ogcapi/tiles/WebMercatorQuad/" + z + "/" + row + "/" + col + "?projectId=" + projectId;
                        HttpResponse<byte[]> r = api().getBytes(url);
                        if (expected.values().stream().allMatch(List::isEmpty)) {
                            assertThat(r.statusCode()).as(url).isEqualTo(204);
                            empty++;
                            continue;
                        }
                        assertThat(r.statusCode()).as(url).isEqualTo(200);
                        Files.write(file, r.body());
                        Map<String, List<Long>> decoded = gdalFeatureIds(file, z, col, row);
                        read++;
                        for (var layer : expected.entrySet()) {
                            assertThat(decoded.getOrDefault(layer.getKey(), List.of())).as(layer.getKey() + " of " + url)
                                    .containsExactlyElementsOf(layer.getValue());
                            if (!layer.getValue().isEmpty()) {
                                seenLayers.add(layer.getKey());
                            }
                        }
                        bufferOnly += throughBuffer ? 1 : 0;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(seenLayers).containsExactly("cables", "markers", "parcels");
        assertThat(empty).as("tiles in the ring hold nothing").isPositive();
        assertThat(bufferOnly).as("tiles holding a feature only through their buffer").isPositive();
        assertThat(read).as("tiles GDAL read").isGreaterThan(100);
    }

    /** Ids from {@code sql} with {@code e} the tile (west, north, size) grown by {@code margin} metres on each side. */
    private List<Long> intersecting(String sql, long projectId, double west, double north, double size, double margin) {
        return jdbc.sql("SELECT id FROM (" + sql.replace(", e)", ", ST_MakeEnvelope(?, ?, ?, ?, 3857))") + ") q ORDER BY id")
                .params(projectId, west - margin, north - size - margin, west + size + margin, north + margin).query(Long.class).list();
    }

    /** The tile's feature ids as GDAL's MVT driver reads them, per layer, sorted. */
    private static Map<String, List<Long>> gdalFeatureIds(Path tile, int z, int x, int y) throws Exception {
        String out = Gdal.ogrinfo("-ro", "-al", "-q", "-oo", "CLIP=NO", "-oo", "Z=" + z, "-oo", "X=" + x, "-oo", "Y=" + y, tile.toString());
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        Matcher m = FEATURE.matcher(out);
        while (m.find()) {
            ids.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
        }
        ids.values().forEach(list -> list.sort(null));
        return ids;
    }
}
