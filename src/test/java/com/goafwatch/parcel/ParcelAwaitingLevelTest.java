package com.goafwatch.parcel;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;

/**
 * A parcel is not "ok" while one of its rules still awaits its first reading (nothing stored for it in {@code rule_state}).
 * Hand-made fixtures: parcels P-A and P-C crossed by cable C1, P-B measured by nothing; two fiber rules (strain, strain
 * rate) and a settlement rule (no marker anywhere: never measured); rule states written in SQL here. Expected levels worked
 * by hand from the rule "a value level wins, then no data, then unknown while an effective measured rule has no state, then
 * ok", checked through the parcel API, the OGC items filter and a decoded vector tile.
 */
class ParcelAwaitingLevelTest extends IntegrationTest {

    private long projectId;
    private long strain;
    private long rate;
    private final Map<String, Long> parcels = new HashMap<>();

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("AWL"));
        fixtures().phase(projectId, 1);
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("P-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60)),
                feature("P-C", 1, "Polygon", square(E0 + 100, N0 + 10, 60)), feature("P-B", 1, "Polygon", square(E0 + 5000, N0 + 5000, 60))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        fixtures().trenchCable(projectId, "C1", E0, N0 + 40, E0 + 180, N0 + 40, 220);
        jdbc.sql("SELECT code, id FROM parcel WHERE project_id = ?").param(projectId).query(rs -> {
            parcels.put(rs.getString(1), rs.getLong(2));
        });
        strain = rule("""
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue", "yellow": 400}""");
        rate = rule("""
                {"name": "rate", "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 86400, "unit": "ue/d", "yellow": 50}""");
        rule("""
                {"name": "settlement", "metric": "settlement", "statistic": "max_abs", "windowSeconds": 86400, "unit": "mm", "red": 30}""");
    }

    private long rule(String json) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/rules", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    private void state(String parcel, long rule, String level, boolean noData) {
        jdbc.sql("""
                INSERT INTO rule_state (parcel_id, rule_id, project_id, level, no_data, changed_at) VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (parcel_id, rule_id) DO UPDATE SET level = EXCLUDED.level, no_data = EXCLUDED.no_data""")
                .params(parcels.get(parcel), rule, projectId, level, noData).update();
    }

    @Test
    void aParcelWithARuleAwaitingItsFirstReadingIsNotOk() throws Exception {
        // P-A: strain judged ok, the rate rule never fed (awaits) → unknown; P-C: both judged ok → ok (the settlement rule has no
        // marker there: not measured, it does not hold the parcel back); P-B: nothing measures it → not_monitored
        state("P-A", strain, null, false);
        state("P-C", strain, null, false);
        state("P-C", rate, null, false);
        assertLevels(Map.of("P-A", "unknown", "P-C", "ok", "P-B", "not_monitored"));
        assertThat(ogc("unknown")).containsExactly("P-A");
        assertThat(ogc("ok")).containsExactly("P-C");

        // a value level still wins over the rule that awaits; no data too
        state("P-A", strain, "yellow", false);
        assertLevels(Map.of("P-A", "yellow", "P-C", "ok", "P-B", "not_monitored"));
        state("P-A", strain, null, true);
        assertLevels(Map.of("P-A", "no_data", "P-C", "ok", "P-B", "not_monitored"));

        // the rate rule switched off for P-A by a disabled parcel-scope rule: nothing of P-A awaits any more → ok
        state("P-A", strain, null, false);
        rule("""
                {"parcelId": %d, "name": "rate off", "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 86400,
                 "unit": "ue/d", "yellow": 50, "enabled": false}""".formatted(parcels.get("P-A")));
        assertLevels(Map.of("P-A", "ok", "P-C", "ok", "P-B", "not_monitored"));

        // a project rule disabled everywhere does not hold P-C back either; a new enabled one does until it is judged
        long temperature = rule("""
                {"name": "temp", "metric": "fiber_temperature", "statistic": "max", "windowSeconds": 600, "unit": "degC", "red": 60}""");
        assertLevels(Map.of("P-A", "unknown", "P-C", "unknown", "P-B", "not_monitored"));
        jdbc.sql("UPDATE threshold_rule SET enabled = false WHERE id = ?").param(temperature).update();
        assertLevels(Map.of("P-A", "ok", "P-C", "ok", "P-B", "not_monitored"));
    }

    private void assertLevels(Map<String, String> expected) throws Exception {
        Map<String, Object> tiled = new HashMap<>();
        for (String code : List.of("P-A", "P-C")) {
            for (Geometry g : MvtReader.loadMvt(new ByteArrayInputStream(api().getBytes(tilePath(code)).body()), new GeometryFactory(),
                    new TagKeyValueMapConverter()).getLayer("parcels").getGeometries()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> a = (Map<String, Object>) g.getUserData();
                tiled.put((String) a.get("code"), a.get("flagLevel"));
            }
        }
        expected.forEach((code, level) -> {
            assertThat((String) api().get("/api/v1/parcels/" + parcels.get(code) + "/flags").json("$.level")).as("API " + code).isEqualTo(level);
            if (!code.equals("P-B")) {
                assertThat(tiled.get(code)).as("tile " + code).isEqualTo(level);
            }
        });
    }

    private List<String> ogc(String level) {
        String filter = "projectId = " + projectId + " AND flagLevel = '" + level + "'";
        var r = api().get("/ogcapi/collections/parcels/items?limit=1000&filter-lang=cql2-text&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> codes = r.json("$.features[*].properties.code");
        return codes.stream().sorted().toList();
    }

    /** The z16 tile holding the parcel's centre, by the slippy-map formula (independent of ST_TileEnvelope). */
    private String tilePath(String code) {
        List<Double> lonLat = jdbc.sql("SELECT unnest(ARRAY[ST_X(c), ST_Y(c)]) FROM (SELECT ST_Transform(ST_Centroid(geom), 4326) c "
                + "FROM parcel WHERE id = ?) q").param(parcels.get(code)).query(Double.class).list();
        int z = 16;
        double lat = Math.toRadians(lonLat.get(1));
        int x = (int) Math.floor((lonLat.get(0) + 180) / 360 * (1 << z));
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        return "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt?project=" + projectId;
    }
}
