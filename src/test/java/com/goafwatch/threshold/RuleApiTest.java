package com.goafwatch.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

class RuleApiTest extends IntegrationTest {

    private long project;
    private long phase;
    private long parcelA;
    private long parcelB;

    @BeforeEach
    void site() {
        project = fixtures().project(Fixtures.uniqueCode("RUL"));
        phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("A", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 100)),
                Fixtures.feature("B", 1, "Polygon", Fixtures.square(Fixtures.E0 + 100, Fixtures.N0, 100)))).status()).isEqualTo(200);
        parcelA = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'A'").param(project).query(Long.class).single();
        parcelB = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = 'B'").param(project).query(Long.class).single();
    }

    private long rule(String scope, double red) {
        var r = api().postJson("/api/v1/projects/" + project + "/rules", """
                {%s "name": "strain %s", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 86400, "unit": "ue",
                 "levelMode": "absolute", "yellow": %s, "red": %s}""".formatted(scope, red, red * 0.7, red));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    @Test
    void parcelOverPhaseOverProject() {
        long onProject = rule("", 2000);
        long onPhase = rule("\"phaseId\": " + phase + ",", 1800);
        long onParcel = rule("\"parcelId\": " + parcelA + ",", 1500);
        assertThat(api().get("/api/v1/parcels/" + parcelA + "/effective-rules").status()).isEqualTo(200);
        assertThat((List<Integer>) api().get("/api/v1/parcels/" + parcelA + "/effective-rules").json("$[*].id"))
                .containsExactly((int) onParcel);
        assertThat((List<Integer>) api().get("/api/v1/parcels/" + parcelB + "/effective-rules").json("$[*].id"))
                .containsExactly((int) onPhase);
        assertThat(api().delete("/api/v1/rules/" + onPhase).status()).isEqualTo(204);
        assertThat((List<Integer>) api().get("/api/v1/parcels/" + parcelB + "/effective-rules").json("$[*].id"))
                .containsExactly((int) onProject);
        assertThat(api().get("/api/v1/parcels/999999999/effective-rules").status()).isEqualTo(404);
    }

    @Test
    void badRulesAreProblemsNamingEveryField() {
        var r = api().postJson("/api/v1/projects/" + project + "/rules", """
                {"name": "", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": -5, "unit": "mm",
                 "yellow": 2000, "orange": 1500, "red": 1000}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat((List<String>) r.json("$.errors[*].field")).contains("name", "windowSeconds", "unit", "orange", "red");
        var foreign = api().postJson("/api/v1/projects/" + project + "/rules", """
                {"parcelId": 999999999, "name": "x", "metric": "settlement", "statistic": "max", "windowSeconds": 60, "unit": "mm", "red": 30}""");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat((String) foreign.json("$.detail")).contains("not in project");
        assertThat(jdbc.sql("SELECT count(*) FROM threshold_rule WHERE project_id = ?").param(project).query(Long.class).single()).isZero();
    }

    @Test
    void updatesAreAuditedAndBaselinesKeepTheirHistory() {
        long id = rule("", 2000);
        var updated = api().putJson("/api/v1/rules/" + id, """
                {"name": "strain, class I", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 86400, "unit": "ue",
                 "levelMode": "percent", "controlValue": 2000}""");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat((Double) updated.json("$.orange")).isEqualTo(85.0);
        assertThat((List<String>) api().get("/api/v1/audit?entityType=threshold_rule&entityId=" + id).json("$[*].action"))
                .containsExactly("UPDATE", "INSERT");

        assertThat(api().postJson("/api/v1/parcels/" + parcelA + "/baselines",
                "{\"metric\": \"settlement\", \"takenAt\": \"2026-01-01T00:00:00+08:00\", \"note\": \"after grouting\"}").status()).isEqualTo(201);
        assertThat(api().postJson("/api/v1/parcels/" + parcelA + "/baselines",
                "{\"metric\": \"settlement\", \"note\": \"after re-grouting the north-east corner\"}").status()).isEqualTo(201);
        var history = api().get("/api/v1/parcels/" + parcelA + "/baselines");
        assertThat((List<String>) history.json("$[*].note")).containsExactly("after re-grouting the north-east corner", "after grouting");
        assertThat(api().postJson("/api/v1/parcels/" + parcelA + "/baselines", "{\"metric\": \"tilt\"}").status()).isEqualTo(422);
        assertThat(api().postJson("/api/v1/parcels/" + parcelA + "/baselines",
                "{\"metric\": \"settlement\", \"takenAt\": \"2999-01-01T00:00:00Z\"}").status()).isEqualTo(422);
        assertThat(api().postJson("/api/v1/parcels/999999999/baselines", "{\"metric\": \"settlement\"}").status()).isEqualTo(404);
    }
}
