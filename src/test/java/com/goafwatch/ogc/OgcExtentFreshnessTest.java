package com.goafwatch.ogc;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * The collections' extents and the phases' parcel counts and areas stay exact for each caller and fresh after every
 * edit (through the API and straight in SQL), although extents are remembered and phase outlines kept on write. The
 * expected values are SQL over the parcels written here, never the service's own statements.
 */
class OgcExtentFreshnessTest extends IntegrationTest {

    private long projectA;
    private long projectB;
    private HttpApi viewer;

    @BeforeEach
    void twoProjects() {
        projectA = fixtures().project(Fixtures.uniqueCode("EXA"));
        fixtures().phase(projectA, 1);
        fixtures().phase(projectA, 2);
        assertThat(fixtures().importGeoJson(projectA, "?crs=EPSG:4548", collection(
                feature("A-1", 1, "Polygon", square(E0, N0, 100)),
                feature("A-2", 1, "Polygon", square(E0 + 100, N0, 100)),
                feature("A-3", 2, "Polygon", square(E0 + 1000, N0 + 500, 150)))).status()).isEqualTo(200);
        projectB = fixtures().project(Fixtures.uniqueCode("EXB"));
        fixtures().phase(projectB, 1);
        // 20 km away: in the admin's extent, never in the viewer's
        assertThat(fixtures().importGeoJson(projectB, "?crs=EPSG:4548", collection(
                feature("B-1", 1, "Polygon", square(E0 + 20000, N0 + 20000, 300)))).status()).isEqualTo(200);
        var t = api().postJson("/api/v1/admin/tokens", """
                {"name": "extent-%d", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(projectA, projectA));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        viewer = api().bearer(t.json("$.secret"));
    }

    @Test
    void extentsAndCountsFollowEveryEditForEachCaller() {
        everyCallerExact(); // and remembered from here on

        // a parcel added far east of project A through the API: both callers' extents grow
        List<Double> before = bbox(viewer, 1);
        assertThat(fixtures().importGeoJson(projectA, "?crs=EPSG:4548", collection(
                feature("A-4", 2, "Polygon", square(E0 + 5000, N0 + 3000, 80)))).status()).isEqualTo(200);
        assertThat(bbox(viewer, 1).get(2)).isGreaterThan(before.get(2) + 0.03);
        everyCallerExact();

        // moved straight in SQL (no service code involved): the triggers alone keep the answers fresh
        long a4 = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'A-4'").param(projectA).query(Long.class).single();
        jdbc.sql("UPDATE parcel SET geom = ST_Multi(ST_Translate(geom, 0.01, 0.005)) WHERE id = ?").param(a4).update();
        jdbc.sql("UPDATE phase SET works_actual_start = DATE '2026-03-02' WHERE project_id = ? AND ordinal = 2").param(projectA).update();
        everyCallerExact();
        // into phase 1: both phases' counts and areas change; a status edit alone changes neither
        jdbc.sql("UPDATE parcel SET phase_id = (SELECT id FROM phase WHERE project_id = ? AND ordinal = 1) WHERE id = ?")
                .params(projectA, a4).update();
        jdbc.sql("UPDATE parcel SET status = 'treating' WHERE project_id = ?").param(projectA).update();
        everyCallerExact();
        assertThat((Object) viewer.get("/ogcapi/collections").json("$.collections[0].extent.temporal.interval[0][0]")).isNotNull();

        // deleted through the API: back to what it was
        assertThat(api().delete("/api/v1/parcels/" + a4).status()).isIn(200, 204);
        everyCallerExact();
        assertThat(bbox(viewer, 1)).usingComparatorForType((x, y) -> Math.abs(x - y) < 1e-9 ? 0 : Double.compare(x, y), Double.class)
                .isEqualTo(before);
    }

    private void everyCallerExact() {
        Long[] onlyA = {projectA};
        for (int round = 0; round < 2; round++) { // the first may compute, the second may be remembered
            assertCollections(viewer, onlyA);
            assertCollections(api(), null);
            assertPhases(viewer, onlyA);
            assertPhases(api(), null);
        }
        assertThat(bbox(viewer, 1).get(2)).isLessThan(bbox(api(), 1).get(2));
    }

    /** phases (0) and parcels (1): the bbox of the visible parcels in CRS84, by ST_Extent in the test. */
    private void assertCollections(HttpApi as, Long[] visible) {
        Map<String, Object> e = jdbc.sql("SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM ("
                + "SELECT ST_Extent(ST_Transform(geom, 4326)) AS e FROM parcel WHERE ?::bigint[] IS NULL OR project_id = ANY (?)) x")
                .params(visible, visible).query().singleRow();
        for (int collection : new int[] {0, 1}) {
            List<Double> b = bbox(as, collection);
            assertThat(b.get(0)).as("collection %d minLon", collection).isCloseTo((Double) e.get("x0"), within(1e-9));
            assertThat(b.get(1)).as("collection %d minLat", collection).isCloseTo((Double) e.get("y0"), within(1e-9));
            assertThat(b.get(2)).as("collection %d maxLon", collection).isCloseTo((Double) e.get("x1"), within(1e-9));
            assertThat(b.get(3)).as("collection %d maxLat", collection).isCloseTo((Double) e.get("y1"), within(1e-9));
        }
        // the temporal extent of phases: the first actual start of works among the visible phases
        java.sql.Timestamp first = jdbc.sql("SELECT min(works_actual_start::timestamptz) FROM phase WHERE ?::bigint[] IS NULL OR "
                + "project_id = ANY (?)").params(visible, visible).query((rs, i) -> rs.getTimestamp(1)).list().get(0);
        Object interval = as.get("/ogcapi/collections").json("$.collections[0].extent.temporal.interval[0][0]");
        assertThat(interval).isEqualTo(first == null ? null : first.toInstant().toString());
    }

    /**
     * numberMatched against the visible phases; each phase of project A (and B when visible) with its parcel count and
     * area against SQL.
     */
    private void assertPhases(HttpApi as, Long[] visible) {
        long phases = jdbc.sql("SELECT count(*) FROM phase WHERE ?::bigint[] IS NULL OR project_id = ANY (?)").params(visible, visible)
                .query(Long.class).single();
        var all = as.get("/ogcapi/collections/phases/items?limit=1");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(((Number) all.json("$.numberMatched")).longValue()).isEqualTo(phases);
        for (long project : visible == null ? new long[] {projectA, projectB} : new long[] {projectA}) {
            List<Map<String, Object>> expected = jdbc.sql("SELECT ph.id, (SELECT count(*) FROM parcel x WHERE x.phase_id = ph.id) AS n, "
                    + "round(COALESCE((SELECT sum(x.area_mu) FROM parcel x WHERE x.phase_id = ph.id), 0)::numeric, 3)::float8 AS mu "
                    + "FROM phase ph WHERE ph.project_id = ? ORDER BY ph.id").param(project).query().listOfRows();
            var r = as.get("/ogcapi/collections/phases/items?projectId=" + project);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            List<Number> ids = r.json("$.features[*].id");
            List<Number> counts = r.json("$.features[*].properties.parcelCount");
            List<Number> areas = r.json("$.features[*].properties.areaMu");
            assertThat(ids.stream().map(Number::longValue).toList())
                    .isEqualTo(expected.stream().map(m -> ((Number) m.get("id")).longValue()).toList());
            assertThat(counts.stream().map(Number::longValue).toList())
                    .isEqualTo(expected.stream().map(m -> ((Number) m.get("n")).longValue()).toList());
            assertThat(areas.stream().map(Number::doubleValue).toList())
                    .isEqualTo(expected.stream().map(m -> ((Number) m.get("mu")).doubleValue()).toList());
        }
    }

    private static List<Double> bbox(HttpApi as, int collection) {
        var r = as.get("/ogcapi/collections");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Number> b = r.json("$.collections[" + collection + "].extent.spatial.bbox[0]");
        return b.stream().map(Number::doubleValue).toList();
    }
}
