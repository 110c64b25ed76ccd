package com.goafwatch.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.goafwatch.support.IntegrationTest;

/** SQL injection attempts in every string parameter: a 400 problem or an empty answer, never a database error. */
class InjectionTest extends IntegrationTest {

    private static final List<String> PARCEL_LIST_PARAMS = List.of("status", "bbox", "bbox-crs", "project", "phase", "limit", "offset");

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "1; DROP TABLE parcel; --", "planned' UNION SELECT null,version()--",
            "4548) OR (1=1", "\"; DELETE FROM project; --", "1,2,3,4); DROP TABLE parcel; --", "%00", "EPSG:4548' --"})
    void hostileParameterValuesNeverReachSql(String attack) {
        long projectId = fixtures().project(com.goafwatch.support.Fixtures.uniqueCode("INJ"));
        long phaseId = fixtures().phase(projectId, 1);
        long parcelsBefore = count("parcel");
        long projectsBefore = count("project");
        String value = URLEncoder.encode(attack, StandardCharsets.UTF_8);
        for (String param : PARCEL_LIST_PARAMS) {
            assertSafe(api().get("/api/v1/parcels?" + param + "=" + value), "/api/v1/parcels " + param);
        }
        var byCode = api().get("/api/v1/projects?code=" + value);
        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.body()).isEqualTo("[]");
        for (String param : List.of("format", "crs")) {
            assertSafe(api().get("/api/v1/phases/" + phaseId + "/parcels/export?" + param + "=" + value), "export " + param);
        }
        assertSafe(api().postJson("/api/v1/projects/" + projectId + "/parcels/import?mode=" + value, "{}"), "import mode");
        assertSafe(api().postJson("/api/v1/projects/" + projectId + "/parcels/import", com.goafwatch.support.Fixtures.collection(
                com.goafwatch.support.Fixtures.feature(attack.replace("\"", "\\\""), 1, "Polygon",
                        com.goafwatch.support.Fixtures.square(454000, 3924000, 10)))), "feature code");
        assertSafe(api().postJson("/api/v1/projects/" + projectId + "/parcels/import?crs=" + value, "{}"), "import crs");
        assertSafe(api().get("/api/v1/parcels/" + value), "parcel id");
        assertSafe(api().postJson("/api/v1/projects", "{\"code\": \"" + attack.replace("\"", "\\\"") + "\", \"name\": \"x\"}"), "project code");
        assertThat(count("parcel")).isEqualTo(parcelsBefore);
        assertThat(count("project")).isEqualTo(projectsBefore);
    }

    private static void assertSafe(com.goafwatch.support.HttpApi.Response r, String where) {
        assertThat(r.status()).as(where + ": " + r).isIn(200, 400, 404, 422);
        if (r.status() != 200) {
            assertThat(r.contentType()).as(where).startsWith("application/problem+json");
            assertThat(r.body()).as(where).doesNotContainIgnoringCase("sql").doesNotContain("PSQLException");
        }
    }
}
