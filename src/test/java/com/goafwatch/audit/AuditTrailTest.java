package com.goafwatch.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

class AuditTrailTest extends IntegrationTest {

    private HttpApi engineer(String name, long project) {
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d], "password": "audit-password-123"}""".formatted(name, project));
        assertThat(r.status()).isEqualTo(201);
        return api().as(name, "audit-password-123");
    }

    @Test
    void everyChangeIsRecordedWithActorBeforeAndAfter() {
        long project = fixtures().project(Fixtures.uniqueCode("AUD"));
        fixtures().phase(project, 1);
        String name = Fixtures.uniqueCode("surveyor");
        HttpApi eng = engineer(name, project);

        assertThat(eng.postJson("/api/v1/projects/" + project + "/parcels/import?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("AU-1", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        assertThat(eng.postJson("/api/v1/projects/" + project + "/parcels/import?crs=EPSG:4548&mode=upsert", Fixtures.collection(
                Fixtures.feature("AU-1", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 120)))).status()).isEqualTo(200);
        long parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(project).query(Long.class).single();

        var events = eng.get("/api/v1/audit?entityType=parcel&entityId=" + parcel);
        assertThat(events.status()).isEqualTo(200);
        assertThat((List<String>) events.json("$[*].action")).containsExactly("UPDATE", "INSERT");
        assertThat((List<String>) events.json("$[*].actor")).containsOnly(name);
        List<Number> beforeRing = events.json("$[0].before.geom.coordinates[0][0][2]");
        List<Number> afterRing = events.json("$[0].after.geom.coordinates[0][0][2]");
        assertThat(beforeRing).isNotEqualTo(afterRing);
        assertThat((Object) events.json("$[1].before")).isNull();

        long cable = fixtures().trenchCable(project, "AC-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 200, Fixtures.N0, 300);
        assertThat(eng.putJson("/api/v1/cables/" + cable + "/calibration",
                "{\"points\": [{\"fiberDistanceM\": 10, \"chainageM\": 0}, {\"fiberDistanceM\": 210, \"chainageM\": 200}]}").status())
                .isEqualTo(200);
        var calibration = eng.get("/api/v1/audit?project=" + project + "&entityType=cable_calibration_point&entityId=" + cable);
        assertThat((List<Object>) calibration.json("$[*]")).hasSize(2);
        assertThat((List<String>) calibration.json("$[*].actor")).containsOnly(name);
        assertThat((List<Integer>) calibration.json("$[*].projectId")).containsOnly((int) project);

        assertThat(eng.delete("/api/v1/parcels/" + parcel).status()).isEqualTo(204);
        var deleted = eng.get("/api/v1/audit?entityType=parcel&entityId=" + parcel + "&limit=1");
        assertThat((String) deleted.json("$[0].action")).isEqualTo("DELETE");
        assertThat((Object) deleted.json("$[0].after")).isNull();
        assertThat((String) deleted.json("$[0].before.code")).isEqualTo("AU-1");
    }

    @Test
    void theTrailIsAppendOnlyAndScopedToGrantedProjects() {
        long mine = fixtures().project(Fixtures.uniqueCode("AUM"));
        long theirs = fixtures().project(Fixtures.uniqueCode("AUT"));
        HttpApi eng = engineer(Fixtures.uniqueCode("scoped"), mine);
        assertThat(eng.get("/api/v1/audit?project=" + theirs).status()).isEqualTo(403);
        List<Map<String, Object>> visible = eng.get("/api/v1/audit?limit=500").json("$");
        assertThat(visible).isNotEmpty().allSatisfy(e -> assertThat(((Number) e.get("projectId")).longValue()).isEqualTo(mine));

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone else'").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).rootCause().hasMessageContaining("append-only");
        assertThat(api().get("/api/v1/audit?entityType=secrets").status()).isEqualTo(400);
    }
}
