package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

class HealthAndDocsTest extends IntegrationTest {

    @Test
    void healthShowsPostgisAndInfluxUp() {
        var r = api().get("/actuator/health");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((String) r.json("$.status")).isEqualTo("UP");
        assertThat((String) r.json("$.components.postgis.status")).isEqualTo("UP");
        assertThat((String) r.json("$.components.postgis.details.postgis")).startsWith("3.");
        assertThat((String) r.json("$.components.influx.status")).isEqualTo("UP");
        assertThat((String) r.json("$.components.influx.details.version")).startsWith("1.");
        assertThat((Boolean) r.json("$.components.influx.details.schemaReady")).isTrue();
    }

    @Test
    void readinessAndLivenessGroupsAreUp() {
        var readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat((String) readiness.json("$.status")).isEqualTo("UP");
        assertThat((String) readiness.json("$.components.postgis.status")).isEqualTo("UP");
        assertThat(readiness.body()).as("InfluxDB away only degrades the service").doesNotContain("influx");
        var liveness = api().get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("postgis").doesNotContain("influx");
        assertThat(api().get("/actuator/health").body()).as("Spring's own db entry is replaced by postgis")
                .doesNotContain("\"db\"");
    }

    @Test
    void influxDatabaseAndRetentionPolicyExistOnTheServer() throws Exception {
        // ask InfluxDB itself, not the service
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(TestInflux.get().url() + "/query?q=SHOW%20RETENTION%20POLICIES%20ON%20goafwatch")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"raw\"").doesNotContain("error");
    }

    @Test
    void openApiDescribesTheParcelApi() {
        var r = api().get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> paths = r.json("$.paths");
        assertThat(paths).containsKeys("/api/v1/parcels", "/api/v1/parcels/{id}", "/api/v1/projects",
                "/api/v1/projects/{projectId}/parcels/import", "/api/v1/phases/{phaseId}/parcels/export");
        assertThat((String) r.json("$.components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(api().anonymous().get("/v3/api-docs").status()).as("the description is public").isEqualTo(200);
        var ui = api().get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
    }

    /** Before the fix most operations of the REST API's document named no error response at all. */
    @Test
    @SuppressWarnings("unchecked")
    void everyRestOperationDeclaresItsProblems() {
        var r = api().get("/v3/api-docs");
        tools.jackson.databind.JsonNode paths = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).path("paths");
        assertThat((Map<String, Object>) r.json("$.components.schemas.Problem.properties")).containsKeys("type", "title", "status", "detail",
                "instance");
        int operations = 0;
        for (Map.Entry<String, tools.jackson.databind.JsonNode> path : paths.properties()) {
            for (Map.Entry<String, tools.jackson.databind.JsonNode> op : path.getValue().properties()) {
                String label = op.getKey().toUpperCase() + " " + path.getKey();
                tools.jackson.databind.JsonNode responses = op.getValue().path("responses");
                assertThat(responses.propertyNames()).as(label).contains("400", "401", "403", "429", "503");
                if (path.getKey().contains("{")) {
                    assertThat(responses.propertyNames()).as(label).contains("404");
                }
                for (Map.Entry<String, tools.jackson.databind.JsonNode> response : responses.properties()) {
                    if (response.getKey().matches("[45]\\d\\d")) {
                        assertThat(response.getValue().path("content").propertyNames()).as(label + " " + response.getKey())
                                .containsExactly("application/problem+json");
                        assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
                operations++;
            }
        }
        assertThat(operations).isGreaterThan(50);
    }

    @Test
    void anonymousCallersSeeOnlyTheStatus() {
        var r = api().anonymous().get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat((String) r.json("$.status")).isEqualTo("UP");
        assertThat(r.body()).doesNotContain("components").doesNotContain("version");
    }

    @Test
    void unknownRouteIsAProblem() {
        var r = api().get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((Integer) r.json("$.status")).isEqualTo(404);
    }
}
