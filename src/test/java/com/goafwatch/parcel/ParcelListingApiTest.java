package com.goafwatch.parcel;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * The web map's compact parcel list ({@code GET /api/v1/projects/{id}/parcel-list}) on a real response: a project of two
 * phases, parcels L-B and L-A in phase 2 and L-C in phase 1 (so phase order is not code order), cable C1 crossing L-A and
 * L-C, a strain rule with a red state stored in SQL for L-C; another project's parcel must not appear. Ids, names and phases
 * expected from SQL on the tables; levels worked by hand: L-C red (its state), L-A unknown (measured, no state yet),
 * L-B not_monitored (nothing measures it).
 */
class ParcelListingApiTest extends IntegrationTest {

    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)> & \"L\"";

    private long projectId;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("LST"));
        fixtures().phase(projectId, 1);
        fixtures().phase(projectId, 2);
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("L-B", 2, "Polygon", square(E0 + 5000, N0 + 5000, 60)),
                feature("L-A", 2, "Polygon", square(E0 + 10, N0 + 10, 60)), feature("L-C", 1, "Polygon", square(E0 + 100, N0 + 10, 60))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        fixtures().trenchCable(projectId, "C1", E0, N0 + 40, E0 + 180, N0 + 40, 220);
        var rule = api().postJson("/api/v1/projects/" + projectId + "/rules", """
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue", "red": 400}""");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        jdbc.sql("INSERT INTO rule_state (parcel_id, rule_id, project_id, level, no_data, changed_at) "
                + "SELECT id, ?, project_id, 'red', false, now() FROM parcel WHERE project_id = ? AND code = 'L-C'")
                .params(((Number) rule.json("$.id")).longValue(), projectId).update();
        jdbc.sql("UPDATE parcel SET name = ? WHERE project_id = ? AND code = 'L-B'").params(HOSTILE_NAME, projectId).update();
        long other = fixtures().project(Fixtures.uniqueCode("LSO"));
        fixtures().phase(other, 1);
        assertThat(fixtures().importGeoJson(other, "?crs=EPSG:4548", collection(feature("L-Z", 1, "Polygon", square(E0, N0, 60)))).status())
                .isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyParcelOfTheProjectCompactInPhaseThenCodeOrder() {
        var r = api().get("/api/v1/projects/" + projectId + "/parcel-list");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(((Number) r.json("$.projectId")).longValue()).isEqualTo(projectId);
        // expected from the tables: ids, names, phase ids and ordinals, in phase ordinal then code order
        List<Map<String, Object>> rows = jdbc.sql("SELECT p.id, p.code, p.name, p.phase_id, f.ordinal FROM parcel p "
                + "JOIN phase f ON f.id = p.phase_id WHERE p.project_id = ? ORDER BY f.ordinal, p.code").param(projectId).query().listOfRows();
        assertThat(rows).extracting(m -> m.get("code")).containsExactly("L-C", "L-A", "L-B");
        assertThat((List<String>) r.json("$.parcels[*].code")).containsExactly("L-C", "L-A", "L-B");
        assertThat(((List<Number>) r.json("$.parcels[*].id")).stream().map(Number::longValue).toList())
                .containsExactlyElementsOf(rows.stream().map(m -> ((Number) m.get("id")).longValue()).toList());
        assertThat(((List<Number>) r.json("$.parcels[*].phaseId")).stream().map(Number::longValue).toList())
                .containsExactlyElementsOf(rows.stream().map(m -> ((Number) m.get("phase_id")).longValue()).toList());
        assertThat((List<Integer>) r.json("$.parcels[*].phase")).containsExactly(1, 2, 2);
        assertThat((List<String>) r.json("$.parcels[*].name")).containsExactlyElementsOf(rows.stream().map(m -> (String) m.get("name")).toList());
        assertThat((String) r.json("$.parcels[2].name")).as("the name as stored: escaping is the page's").isEqualTo(HOSTILE_NAME);
        assertThat((List<String>) r.json("$.parcels[*].flagLevel")).containsExactly("red", "unknown", "not_monitored");
        // compact: nothing but these six fields (no geometry, area, status or dates)
        assertThat(((Map<String, Object>) r.json("$.parcels[0]")).keySet())
                .containsExactlyInAnyOrder("id", "code", "name", "phaseId", "phase", "flagLevel");
    }

    @Test
    void levelsAgreeWithTheParcelsFlagsEndpoint() {
        var r = api().get("/api/v1/projects/" + projectId + "/parcel-list");
        List<Map<String, Object>> parcels = r.json("$.parcels");
        for (Map<String, Object> p : parcels) {
            String level = api().get("/api/v1/parcels/" + ((Number) p.get("id")).longValue() + "/flags").json("$.level");
            assertThat(p.get("flagLevel")).as((String) p.get("code")).isEqualTo(level);
        }
    }

    @Test
    void unknownProjectIs404AndANonNumericIdIs400() {
        long missing = jdbc.sql("SELECT coalesce(max(id), 0) + 1000 FROM project").query(Long.class).single();
        var r = api().get("/api/v1/projects/" + missing + "/parcel-list");
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        var bad = api().get("/api/v1/projects/1%20OR%201=1/parcel-list");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    }
}
