package com.goafwatch.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

class ProjectPhaseApiTest extends IntegrationTest {

    @Test
    void projectCrud() {
        String code = Fixtures.uniqueCode("PRJ");
        long id = fixtures().project(code);
        assertThat((String) api().get("/api/v1/projects/" + id).json("$.code")).isEqualTo(code);
        assertThat((Integer) api().get("/api/v1/projects/" + id).json("$.surveySrid")).isEqualTo(4548);
        assertThat((List<String>) api().get("/api/v1/projects?code=" + code).json("$[*].code")).containsExactly(code);

        var updated = api().putJson("/api/v1/projects/" + id, """
                {"code": "%s", "name": "Renamed", "surveyCrs": "EPSG:4490"}""".formatted(code));
        assertThat(updated.status()).isEqualTo(200);
        assertThat((String) updated.json("$.name")).isEqualTo("Renamed");
        assertThat((Integer) updated.json("$.surveySrid")).isEqualTo(4490);

        var duplicate = api().postJson("/api/v1/projects", "{\"code\": \"" + code + "\", \"name\": \"again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat((String) duplicate.json("$.constraint")).isEqualTo("project_code_uq");

        assertThat(api().delete("/api/v1/projects/" + id).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/projects/" + id).status()).isEqualTo(404);
        assertThat(api().putJson("/api/v1/projects/" + id, "{\"code\": \"X\", \"name\": \"x\"}").status()).isEqualTo(404);
    }

    @Test
    void invalidProjectBodiesAreProblemsNamingTheField() {
        var blank = api().postJson("/api/v1/projects", "{\"code\": \"\", \"name\": \"x\"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat((List<String>) blank.json("$.errors[*].field")).contains("code");
        var crs = api().postJson("/api/v1/projects", "{\"code\": \"" + Fixtures.uniqueCode("CRS") + "\", \"name\": \"x\", \"surveyCrs\": \"EPSG:3857\"}");
        assertThat(crs.status()).isEqualTo(400);
        assertThat((String) crs.json("$.detail")).contains("EPSG:3857");
        var broken = api().postJson("/api/v1/projects", "{\"code\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
    }

    @Test
    void phaseCrudAndDeletionCascadesToParcels() {
        long projectId = fixtures().project(Fixtures.uniqueCode("PH"));
        long phaseId = fixtures().phase(projectId, 1);
        var phase = api().get("/api/v1/phases/" + phaseId);
        assertThat((String) phase.json("$.status")).isEqualTo("planned");

        var updated = api().putJson("/api/v1/phases/" + phaseId, """
                {"ordinal": 1, "name": "Phase one", "status": "treating", "worksPlannedStart": "2020-01-01",
                 "worksPlannedEnd": "2020-07-31", "acceptancePlanned": "2020-12-28"}""");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat((String) updated.json("$.acceptancePlanned")).isEqualTo("2020-12-28");
        var backwards = api().putJson("/api/v1/phases/" + phaseId, """
                {"ordinal": 1, "name": "Phase one", "worksPlannedStart": "2020-07-31", "worksPlannedEnd": "2020-01-01"}""");
        assertThat(backwards.status()).isEqualTo(409);
        assertThat((String) backwards.json("$.detail")).contains("before planned works start");
        assertThat(api().putJson("/api/v1/phases/" + phaseId, "{\"ordinal\": 1, \"name\": \"x\", \"status\": \"done\"}").status())
                .isEqualTo(400);
        assertThat(api().postJson("/api/v1/projects/" + projectId + "/phases", "{\"ordinal\": 1, \"name\": \"dup\"}").status())
                .isEqualTo(409);
        assertThat(api().postJson("/api/v1/projects/" + projectId + "/phases", "{\"ordinal\": 0, \"name\": \"zero\"}").status())
                .isEqualTo(400);
        assertThat(api().postJson("/api/v1/projects/999999999/phases", "{\"ordinal\": 1, \"name\": \"x\"}").status()).isEqualTo(404);

        var imported = fixtures().importGeoJson(projectId, "?crs=EPSG:4548",
                Fixtures.collection(Fixtures.feature("DEL-1", 1, "Polygon", Fixtures.square(Fixtures.E0, Fixtures.N0, 10))));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(api().delete("/api/v1/phases/" + phaseId).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single()).isZero();
        assertThat(api().get("/api/v1/phases/" + phaseId + "/summary").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/projects/999999999/phases").status()).isEqualTo(404);
    }
}
