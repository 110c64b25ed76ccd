package com.goafwatch.ogc;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.ApiToken;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;

/**
 * An items page or single feature requested with an API token this instance verified moments ago runs one statement,
 * which confirms the token in its own snapshot (as tiles do, RememberedTokenTileTest): the response is the one a freshly
 * verified token gets, and a token revoked through the other instance, expired or moved to another project in the
 * database is seen by the very next request, including a request for an unknown collection or feature (401, not 404).
 */
class RememberedTokenFeatureTest extends IntegrationTest {

    private static final String ITEMS = "/ogcapi/collections/parcels/items";

    @Test
    void rememberedTokensAreConfirmedByTheFeatureStatementAcrossInstances() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("RTF"));
        fixtures().phase(projectId, 1);
        var imported = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("RF-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60)), feature("RF-B", 1, "Polygon", square(E0 + 100, N0 + 10, 60))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        long otherProject = fixtures().project(Fixtures.uniqueCode("RTF"));
        fixtures().phase(otherProject, 1);
        assertThat(fixtures().importGeoJson(otherProject, "?crs=EPSG:4548", collection(
                feature("RF-O", 1, "Polygon", square(E0 + 200, N0 + 10, 60)))).status()).isEqualTo(200);
        List<Long> parcels = parcelIds(projectId);
        assertThat(parcels).hasSize(2);
        String item = ITEMS + "/" + parcels.get(0);
        String otherItem = ITEMS + "/" + parcelIds(otherProject).get(0);

        try (RunningService b = RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + TestDirs.fresh("rtf-b-spool")))) {
            HttpApi adminB = new HttpApi(b.api().port());

            // 1. the first request verifies the token; the next are served on the remembered principal (no use recorded,
            // only a full verification records it), and answer what a freshly verified token gets, byte for byte
            ApiToken one = ApiToken.viewer(api(), projectId, "rtf-one");
            assertThat(one.api().getBytes(ITEMS).statusCode()).isEqualTo(200);
            jdbc.sql("UPDATE api_token SET last_used_at = now() - interval '1 hour' WHERE id = ?").param(one.id()).update();
            HttpResponse<byte[]> page = one.api().getBytes(ITEMS);
            HttpResponse<byte[]> single = one.api().getBytes(item);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(single.statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT last_used_at < now() - interval '59 minutes' FROM api_token WHERE id = ?").param(one.id())
                    .query(Boolean.class).single()).as("the remembered requests read no token row of their own").isTrue();
            assertThat(one.api().get(ITEMS).<List<Number>>json("$.features[*].id").stream().map(Number::longValue).toList())
                    .as("the project's parcels, from the database").isEqualTo(parcels);

            ApiToken fresh = ApiToken.viewer(api(), projectId, "rtf-fresh");
            HttpResponse<byte[]> freshPage = fresh.api().getBytes(ITEMS);
            HttpResponse<byte[]> freshSingle = fresh.api().getBytes(item);
            assertThat(jdbc.sql("SELECT last_used_at IS NOT NULL FROM api_token WHERE id = ?").param(fresh.id()).query(Boolean.class)
                    .single()).as("the fresh token was verified").isTrue();
            assertThat(single.body()).as("feature bytes = freshly verified token's").isEqualTo(freshSingle.body());
            assertThat(withoutTimeStamp(page)).as("page = freshly verified token's (timeStamp aside)").isEqualTo(withoutTimeStamp(freshPage));
            assertThat(page.headers().firstValue("Content-Crs")).isEqualTo(freshPage.headers().firstValue("Content-Crs"));

            // 2. revoked through B: A's very next feature request is 401, and its next page too
            assertThat(adminB.delete("/api/v1/admin/tokens/" + one.id()).status()).isEqualTo(204);
            assertThat(one.api().getBytes(item).statusCode()).as("feature right after the revocation on B").isEqualTo(401);
            assertThat(one.api().getBytes(ITEMS).statusCode()).isEqualTo(401);
            ApiToken paged = remembered(projectId, "rtf-paged");
            assertThat(adminB.delete("/api/v1/admin/tokens/" + paged.id()).status()).isEqualTo(204);
            assertThat(paged.api().getBytes(ITEMS + "?limit=1").statusCode()).as("page right after the revocation on B").isEqualTo(401);

            // 3. requests a valid token gets 404 for: revoked on B, the very next one is 401 (answered before the statement
            // ran, or by the statement finding no feature)
            ApiToken valid = remembered(projectId, "rtf-valid");
            for (String missing : List.of("/ogcapi/collections/nothing/items", "/ogcapi/collections/nothing/items/1", ITEMS + "/999999999",
                    ITEMS + "/not-a-number", otherItem)) {
                assertThat(valid.api().getBytes(missing).statusCode()).as("valid token, " + missing).isEqualTo(404);
                ApiToken revoked = remembered(projectId, "rtf-missing");
                assertThat(adminB.delete("/api/v1/admin/tokens/" + revoked.id()).status()).isEqualTo(204);
                assertThat(revoked.api().getBytes(missing).statusCode()).as("revoked token, " + missing).isEqualTo(401);
            }
            ApiToken badParameter = remembered(projectId, "rtf-bad");
            assertThat(valid.api().getBytes(ITEMS + "?limit=x").statusCode()).as("valid token, bad limit").isEqualTo(400);
            assertThat(adminB.delete("/api/v1/admin/tokens/" + badParameter.id()).status()).isEqualTo(204);
            assertThat(badParameter.api().getBytes(ITEMS + "?limit=x").statusCode()).as("revoked token, bad limit").isEqualTo(401);

            // 4. expired in the database: 401
            ApiToken expiring = remembered(projectId, "rtf-expiring");
            jdbc.sql("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ?").param(expiring.id()).update();
            assertThat(expiring.api().getBytes(item).statusCode()).as("feature after expiry").isEqualTo(401);

            // 5. moved to another project in the database: the next request answers as the token stands now
            ApiToken moved = remembered(projectId, "rtf-moved");
            assertThat(moved.api().getBytes(otherItem).statusCode()).isEqualTo(404);
            jdbc.sql("UPDATE api_token SET project_id = ? WHERE id = ?").params(otherProject, moved.id()).update();
            assertThat(moved.api().getBytes(item).statusCode()).as("its former project's feature").isEqualTo(404);
            ApiToken movedAgain = remembered(projectId, "rtf-moved-page");
            jdbc.sql("UPDATE api_token SET project_id = ? WHERE id = ?").params(otherProject, movedAgain.id()).update();
            assertThat(movedAgain.api().get(ITEMS).<List<Number>>json("$.features[*].id").stream().map(Number::longValue).toList())
                    .as("its page right after the move").isEqualTo(parcelIds(otherProject));
            assertThat(moved.api().getBytes(otherItem).statusCode()).as("its new project's feature").isEqualTo(200);

            // 6. B remembers tokens too: revoked through A, B's next feature request is 401
            ApiToken onB = ApiToken.viewer(api(), projectId, "rtf-on-b");
            HttpApi onBApi = new HttpApi(b.api().port()).bearer(onB.secret());
            assertThat(onBApi.getBytes(item).statusCode()).isEqualTo(200);
            assertThat(onBApi.getBytes(item).statusCode()).isEqualTo(200);
            assertThat(api().delete("/api/v1/admin/tokens/" + onB.id()).status()).isEqualTo(204);
            assertThat(onBApi.getBytes(item).statusCode()).as("feature on B right after the revocation on A").isEqualTo(401);
        }
    }

    /** A new token whose principal A remembers: its first request (a page of its project) verified it. */
    private ApiToken remembered(long projectId, String name) {
        ApiToken token = ApiToken.viewer(api(), projectId, name);
        assertThat(token.api().getBytes(ITEMS).statusCode()).isEqualTo(200);
        return token;
    }

    private List<Long> parcelIds(long projectId) {
        return jdbc.sql("SELECT id FROM parcel WHERE project_id = ? ORDER BY id").param(projectId).query(Long.class).list();
    }

    // the page's timeStamp is the second it was written
    private static String withoutTimeStamp(HttpResponse<byte[]> page) {
        return new String(page.body(), StandardCharsets.UTF_8).replaceFirst("\"timeStamp\":\"[^\"]*\"", "\"timeStamp\":\"\"");
    }
}
