package com.goafwatch.ogc;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * QGIS itself (Debian's python3-qgis 3.22), headless, as a GIS user: a Basic login in QGIS's own encrypted auth
 * database, an OGC API - Features connection whose Browser entry lists the collections, every listed collection loaded
 * as an OAPIF layer, and the dataset's vector tiles through a Vector Tiles connection made from the TileJSON
 * ({@code src/test/resources/qgis/read_layers.py}). What QGIS reports is compared with PostGIS queries written here:
 * per collection the features (by a key QGIS shows: QGIS 3.22 keeps the GeoJSON {@code id} to itself and numbers the
 * features 1…n), their geometry type, their area or length in EPSG:4548, and where each point lies.
 */
class QgisClientTest extends IntegrationTest {

    private static final String PYTHON = "/usr/bin/python3"; // Debian's, where python3-qgis installs
    private static final double HALF_WORLD = 20037508.342789244; // half the Web Mercator square, m
    private static final int ZOOM = 16;
    /** Collections and the property QGIS shows that tells their features apart within a project. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("phases", "ordinal");
        KEYS.put("parcels", "code");
        KEYS.put("cables", "code");
        KEYS.put("borehole-cables", "code");
        KEYS.put("markers", "code");
        KEYS.put("boreholes", "code");
        KEYS.put("borehole-traces", "code");
        KEYS.put("alerts", "ruleName");
    }

    /**
     * One feature as PostGIS has it: its key and its shape as EWKT in EPSG:4490 (null for a phase without parcels; for
     * an alert without an evidence location its parcel, which the served point must lie in).
     */
    private record Truth(String key, String ewkt) {
    }

    @Test
    void qgisSeesEveryFeatureOfEveryCollectionAndOfATile() throws Exception {
        String code = Fixtures.uniqueCode("QGS");
        long projectId = site(code);
        // another project's parcel on the same ground: the user must not see it, in a layer or in a tile
        long other = fixtures().project(Fixtures.uniqueCode("QGO"));
        fixtures().phase(other, 1);
        assertThat(fixtures().importGeoJson(other, "?crs=EPSG:4548", collection(feature("X-A", 1, "Polygon", square(E0 + 10, N0 + 10, 50))))
                .status()).isEqualTo(200);
        String user = code.toLowerCase(Locale.ROOT);
        String password = "pw-" + user + "-long-enough";
        var u = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "viewer", "projectIds": [%d], "password": "%s"}""".formatted(user, projectId, password));
        assertThat(u.status()).as(u.toString()).isEqualTo(201);
        long[] tile = tileOfMarker(projectId, "GM1");

        JsonNode seen = runQgis(user, password, tile);

        assertThat(seen.path("qgis").asString()).startsWith("3.22");
        assertThat(seen.path("authMethod").asString()).isEqualTo("Basic");
        // the Browser lists every collection, and each loads as a valid layer
        List<String> listed = new ArrayList<>();
        seen.path("browser").forEach(uri -> listed.add(uri.asString().replaceAll(".*typename='([^']+)'.*", "$1")));
        assertThat(listed).containsExactlyElementsOf(KEYS.keySet());
        for (var c : KEYS.entrySet()) {
            JsonNode layer = seen.path("layers").path(c.getKey());
            assertThat(layer.path("valid").asBoolean()).as(c.getKey() + ": " + layer).isTrue();
            compare(c.getKey(), c.getValue(), layer, truth(c.getKey(), projectId));
        }

        // pages of two: QGIS follows the next link and still gets every parcel
        JsonNode paged = seen.path("paged");
        assertThat(keys(paged, "code")).containsExactlyInAnyOrderElementsOf(
                jdbc.sql("SELECT code FROM parcel WHERE project_id = ?").param(projectId).query(String.class).list());
        assertThat(paged.path("requests").toString()).contains("/collections/parcels/items?limit=2\"", "/collections/parcels/items?limit=2&offset=2\"");
        // without the login the layer does not load: the Basic config above is what QGIS authenticated with
        assertThat(seen.path("anonymous").path("valid").asBoolean()).isFalse();

        compareTile(seen.path("vectorTiles"), projectId, tile);
    }

    /** OgcApiTest's sample site, plus a phase without parcels, a borehole cable, two boreholes and two alerts. */
    private long site(String code) {
        long projectId = fixtures().project(code);
        for (int ordinal = 1; ordinal <= 3; ordinal++) {
            fixtures().phase(projectId, ordinal); // phase 3 gets no parcel: a feature without geometry
        }
        fixtures().threeParcelsAndCable(projectId);
        fixtures().trenchCable(projectId, "GC2", E0 + 1000, N0 + 20, E0 + 1080, N0 + 90, 120);
        for (String[] m : new String[][] {{"GM1", "50", "50"}, {"GM2", "1050", "60"}}) {
            var marker = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                    {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"},
                     "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", m[0], E0 + Double.parseDouble(m[1]),
                    N0 + Double.parseDouble(m[2])));
            assertThat(marker.status()).as(marker.toString()).isEqualTo(201);
        }
        var cable = api().postJson("/api/v1/projects/" + projectId + "/cables?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "BH-C", "installation": "borehole", "depthM": 80, "fiberLengthM": 200},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(E0 + 20, N0 + 20));
        assertThat(cable.status()).as(cable.toString()).isEqualTo(201);
        fixtures().twoBoreholes(projectId);
        // alerts as the evaluation writes them: one with its evidence location, one without (shown on its parcel)
        jdbc.sql("""
                INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, level, evidence, raised_at, updated_at)
                SELECT p.project_id, p.phase_id, p.id, 'strain at ' || p.code, 'fiber_strain', 'threshold', 'red',
                       CASE WHEN p.code = 'G-A' THEN jsonb_build_object('lon', ST_X(ST_Centroid(p.geom)), 'lat', ST_Y(ST_Centroid(p.geom))) END,
                       now(), now()
                FROM parcel p WHERE p.project_id = ? AND p.code IN ('G-A', 'G-C')""").param(projectId).update();
        return projectId;
    }

    /** Column and row of the level-16 WebMercatorQuad tile holding a marker. */
    private long[] tileOfMarker(long projectId, String marker) {
        double size = 2 * HALF_WORLD / (1 << ZOOM);
        List<Double> xy = jdbc.sql("SELECT unnest(ARRAY[ST_X(p), ST_Y(p)]) FROM (SELECT ST_Transform(location, 3857) p FROM point_sensor "
                + "WHERE project_id = ? AND code = ?) q").params(projectId, marker).query(Double.class).list();
        return new long[] {(long) Math.floor((xy.get(0) + HALF_WORLD) / size), (long) Math.floor((HALF_WORLD - xy.get(1)) / size)};
    }

    private JsonNode runQgis(String user, String password, long[] tile) throws Exception {
        String probeOut;
        int probeExit;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import qgis.core").redirectErrorStream(true).start();
            probeOut = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
            probeExit = probe.exitValue();
        } catch (java.io.IOException e) {
            probeOut = e.toString();
            probeExit = -1;
        }
        if (probeExit != 0) {
            fail("PyQGIS is missing: install Debian's python3-qgis and qgis-providers (scripts/lib.sh ensure_packages does); "
                    + PYTHON + " said: " + probeOut);
        }
        Path work = Files.createDirectories(Path.of("target", "qgis-client")).resolve(Fixtures.uniqueCode("run")).toAbsolutePath();
        Files.createDirectories(work);
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, new File("src/test/resources/qgis/read_layers.py").getAbsolutePath())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("QT_QPA_PLATFORM", "offscreen");
        pb.environment().put("GW_URL", "http://127.0.0.1:" + port + "/ogcapi");
        pb.environment().put("GW_USER", user);
        pb.environment().put("GW_PASSWORD", password);
        pb.environment().put("GW_WORK", work.resolve("profile").toString());
        pb.environment().put("GW_TILE", ZOOM + "/" + tile[0] + "/" + tile[1]);
        Files.createDirectories(work.resolve("profile"));
        Process p = pb.start();
        // about 5 s on a quiet machine; the deadline is for a busy one
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("QGIS did not finish within 180 s; its output is in " + work);
        }
        String stdout = Files.readString(out);
        String result = stdout.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
        assertThat(p.exitValue()).as("QGIS script exit; stderr: " + Files.readString(err)).isZero();
        assertThat(result).as("QGIS printed no RESULT line: " + stdout).isNotNull();
        return new ObjectMapper().readTree(result.substring("RESULT ".length()));
    }

    /** The project's features of a collection, by hand-written SQL on the tables (not the API's statements). */
    private List<Truth> truth(String collection, long projectId) {
        String sql = switch (collection) {
            case "phases" -> "SELECT ph.ordinal::text AS key, (SELECT ST_AsEWKT(ST_Union(geom)) FROM parcel WHERE phase_id = ph.id) AS g "
                    + "FROM phase ph WHERE ph.project_id = ?";
            case "parcels" -> "SELECT code AS key, ST_AsEWKT(geom) AS g FROM parcel WHERE project_id = ?";
            case "cables" -> "SELECT code AS key, ST_AsEWKT(route) AS g FROM cable WHERE project_id = ? AND installation = 'trench'";
            case "borehole-cables" -> "SELECT code AS key, ST_AsEWKT(top_point) AS g FROM cable WHERE project_id = ? AND installation = 'borehole'";
            case "markers" -> "SELECT code AS key, ST_AsEWKT(location) AS g FROM point_sensor WHERE project_id = ?";
            case "boreholes" -> "SELECT code AS key, ST_AsEWKT(collar) AS g FROM borehole WHERE project_id = ?";
            // by construction DH-D is the one hole that leaves its collar
            case "borehole-traces" -> "SELECT code AS key, ST_AsEWKT(surface_trace) AS g FROM borehole WHERE project_id = ? AND code = 'DH-D'";
            // the evidence location, else anywhere on the parcel
            case "alerts" -> "SELECT a.rule_name AS key, ST_AsEWKT(COALESCE(ST_SetSRID(ST_MakePoint((a.evidence->>'lon')::float8, "
                    + "(a.evidence->>'lat')::float8), 4490), pc.geom)) AS g FROM alert a JOIN parcel pc ON pc.id = a.parcel_id WHERE a.project_id = ?";
            default -> throw new IllegalArgumentException(collection);
        };
        List<Truth> rows = jdbc.sql(sql).param(projectId).query((rs, i) -> new Truth(rs.getString("key"), rs.getString("g"))).list();
        assertThat(rows).as(collection + " in PostGIS").isNotEmpty();
        assertThat(rows.stream().map(Truth::key).distinct().count()).as(collection + ": keys unique").isEqualTo(rows.size());
        return rows;
    }

    private void compare(String collection, String keyAttribute, JsonNode layer, List<Truth> truth) {
        Map<String, JsonNode> byKey = new HashMap<>();
        layer.path("features").forEach(f -> byKey.put(text(f.path("attributes").path(keyAttribute)), f));
        assertThat(layer.path("features").size()).as(collection + ": features QGIS iterates").isEqualTo(truth.size());
        assertThat(layer.path("featureCount").asLong()).as(collection + ": QGIS's feature count").isEqualTo(truth.size());
        assertThat(byKey.keySet()).as(collection + ": keys").containsExactlyInAnyOrderElementsOf(truth.stream().map(Truth::key).toList());

        // one geometry type per collection in PostGIS, and QGIS's layer of that type
        List<Integer> dimensions = truth.stream().filter(t -> t.ewkt() != null).map(t -> jdbc.sql("SELECT ST_Dimension(ST_GeomFromEWKT(?))")
                .param(t.ewkt()).query(Integer.class).single()).distinct().toList();
        String type = switch (collection) {
            case "alerts" -> "Point"; // a point of the parcel when there is no evidence location
            default -> {
                assertThat(dimensions).as(collection + ": geometry dimensions in PostGIS").hasSize(1);
                yield List.of("Point", "Line", "Polygon").get(dimensions.get(0));
            }
        };
        assertThat(layer.path("geometryType").asString()).as(collection + ": QGIS layer geometry type").isEqualTo(type);

        double postgisSum = 0;
        for (Truth t : truth) {
            JsonNode f = byKey.get(t.key());
            if (t.ewkt() == null) {
                assertThat(f.path("wkbType").isNull()).as(collection + " " + t.key() + ": no geometry").isTrue();
                continue;
            }
            assertThat(f.path("geometryType").asString()).as(collection + " " + t.key() + ": geometry type").isEqualTo(type);
            if (type.equals("Point")) {
                // served with 7 decimals of a degree (≤ 0.6 cm); QGIS's EPSG:4548 position within 2 cm of PostGIS's shape
                double away = jdbc.sql("SELECT ST_Distance(ST_Transform(ST_GeomFromEWKT(?), 4548), ST_SetSRID(ST_MakePoint(?, ?), 4548))")
                        .params(t.ewkt(), f.path("x").asDouble(), f.path("y").asDouble()).query(Double.class).single();
                assertThat(away).as(collection + " " + t.key() + ": metres from PostGIS's position").isLessThan(0.02);
                continue;
            }
            // PostGIS's area or length in EPSG:4548 of the stored shape on the 1e-7° grid the API writes (7 decimals);
            // QGIS transforms what it read to EPSG:4548 itself: within 1e-6 relative
            String measure = type.equals("Polygon") ? "ST_Area" : "ST_Length";
            double expected = jdbc.sql("SELECT " + measure + "(ST_Transform(ST_SnapToGrid(ST_GeomFromEWKT(?), 1e-7), 4548))")
                    .param(t.ewkt()).query(Double.class).single();
            double got = f.path(type.equals("Polygon") ? "area" : "length").asDouble();
            assertThat(got).as(collection + " " + t.key() + ": " + measure + " in EPSG:4548").isCloseTo(expected, within(expected * 1e-6));
            postgisSum += expected;
        }
        if (!type.equals("Point")) {
            double qgisSum = layer.path(type.equals("Polygon") ? "areaSum" : "lengthSum").asDouble();
            assertThat(qgisSum).as(collection + ": sum of areas or lengths").isCloseTo(postgisSum, within(postgisSum * 1e-6));
        }
    }

    /** The dataset tile QGIS fetched and decoded: per layer the codes PostGIS finds in the tile grown by its 64/4096 buffer. */
    private void compareTile(JsonNode tiles, long projectId, long[] tile) {
        assertThat(tiles.path("valid").asBoolean()).as(tiles.toString()).isTrue();
        assertThat(tiles.path("crs").asString()).isEqualTo("EPSG:3857");
        assertThat(tiles.path("renderErrors").size()).as(tiles.path("renderErrors").toString()).isZero();
        JsonNode drawn = null;
        for (JsonNode t : tiles.path("tiles")) {
            if (t.path("z").asInt() == ZOOM && t.path("x").asLong() == tile[0] && t.path("y").asLong() == tile[1]) {
                drawn = t;
            }
        }
        assertThat(drawn).as("QGIS drew tile %d/%d/%d: %s", ZOOM, tile[0], tile[1], tiles).isNotNull();
        Map<String, String> layers = Map.of("parcels", "parcel WHERE project_id = ? AND %s(geom",
                "cables", "cable WHERE project_id = ? AND %s(COALESCE(route, top_point)",
                "markers", "point_sensor WHERE project_id = ? AND %s(location");
        for (var l : layers.entrySet()) {
            String inTile = "ST_Intersects(ST_TileEnvelope(%d, %d, %d, margin => 64.0 / 4096), ST_Transform".formatted(ZOOM, tile[0], tile[1]);
            List<String> expected = jdbc.sql("SELECT code FROM " + l.getValue().formatted(inTile) + ", 3857))").param(projectId)
                    .query(String.class).list();
            assertThat(expected).as(l.getKey() + " in the tile (PostGIS)").isNotEmpty();
            List<String> got = new ArrayList<>();
            drawn.path("layers").path(l.getKey()).forEach(f -> got.add(f.path("code").asString()));
            assertThat(got).as(l.getKey() + " QGIS decoded from tile %d/%d/%d", ZOOM, tile[0], tile[1]).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<String> keys(JsonNode layer, String keyAttribute) {
        List<String> keys = new ArrayList<>();
        layer.path("features").forEach(f -> keys.add(text(f.path("attributes").path(keyAttribute))));
        return keys;
    }

    private static String text(JsonNode value) {
        return value.isNumber() ? String.valueOf(value.asLong()) : value.asString();
    }
}
