package com.goafwatch.map;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.ApiToken;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;

/**
 * A tile request with an API token this instance verified moments ago runs one statement, which confirms the token in
 * the tile's own snapshot: the bytes stay those of the bare {@code ST_AsMVT} statement, and a token revoked through
 * another instance (B) or expired in the database is refused (401) by the very next request to this one (A), for a
 * tile, for a revalidation with {@code If-None-Match} and for a request that fails before any tile is read.
 */
class RememberedTokenTileTest extends IntegrationTest {

    @Test
    void rememberedTokensAreConfirmedByTheTileStatementAcrossInstances() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("RTT"));
        fixtures().phase(projectId, 1);
        var imported = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("RT-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        int[] t = com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 40, N0 + 40);
        String ogcTile = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/" + t[0] + "/" + t[2] + "/" + t[1];
        String xyzTile = "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";

        try (RunningService b = RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + TestDirs.fresh("rtt-b-spool")))) {
            HttpApi adminB = new HttpApi(b.api().port());

            // 1. the first request verifies the token; the second is served on the remembered principal: it does not
            // record the use (only a full verification does), and its bytes are the bare statement's
            ApiToken one = token(projectId, "rtt-one");
            HttpResponse<byte[]> first = one.api().getBytes(ogcTile);
            assertThat(first.statusCode()).isEqualTo(200);
            jdbc.sql("UPDATE api_token SET last_used_at = now() - interval '1 hour' WHERE id = ?").param(one.id()).update();
            HttpResponse<byte[]> second = one.api().getBytes(ogcTile);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT last_used_at < now() - interval '59 minutes' FROM api_token WHERE id = ?").param(one.id())
                    .query(Boolean.class).single()).as("the second request read no token row of its own").isTrue();
            byte[] bare = jdbc.sql(TileRepository.sql(TileLayer.PARCELS, " AND " + TileLayer.PARCELS.projectColumn() + " = ANY (?)"))
                    .params(List.of(t[0], t[1], t[2], TileLayer.PARCELS.versionKey(), TileLayer.PARCELS.urlName(), new Long[] {projectId}))
                    .query((rs, i) -> rs.getBytes("mvt")).single();
            assertThat(bare).isNotEmpty();
            assertThat(second.body()).as("tile bytes = bare ST_AsMVT").isEqualTo(bare);
            assertThat(first.body()).isEqualTo(bare);

            // 2. revoked through B: A's next request, remembered principal or not, is 401
            assertThat(adminB.delete("/api/v1/admin/tokens/" + one.id()).status()).isEqualTo(204);
            assertThat(one.api().getBytes(ogcTile).statusCode()).as("tile right after the revocation on B").isEqualTo(401);
            assertThat(one.api().getBytes(ogcTile).statusCode()).isEqualTo(401);

            // 3. a request that fails before the tile is read (z out of range: 400 with a valid token) is 401 too
            ApiToken two = token(projectId, "rtt-two");
            assertThat(two.api().getBytes(xyzTile).statusCode()).isEqualTo(200);
            assertThat(two.api().getBytes("/tiles/parcels/99/0/0.mvt").statusCode()).as("valid token, bad address").isEqualTo(400);
            assertThat(two.api().getBytes("/tiles/nolayer/16/0/0.mvt").statusCode()).as("valid token, unknown layer").isEqualTo(404);
            assertThat(adminB.delete("/api/v1/admin/tokens/" + two.id()).status()).isEqualTo(204);
            assertThat(two.api().getBytes("/tiles/parcels/99/0/0.mvt").statusCode()).as("revoked token, bad address").isEqualTo(401);

            // 4. expired in the database, revalidating with the ETag: 401, not 304
            ApiToken three = token(projectId, "rtt-three");
            HttpResponse<byte[]> tagged = three.api().getBytes(xyzTile);
            assertThat(tagged.statusCode()).isEqualTo(200);
            String etag = tagged.headers().firstValue("ETag").orElseThrow();
            assertThat(three.api().getBytes(xyzTile, "If-None-Match", etag).statusCode()).isEqualTo(304);
            jdbc.sql("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ?").param(three.id()).update();
            assertThat(three.api().getBytes(xyzTile, "If-None-Match", etag).statusCode()).as("revalidation after expiry").isEqualTo(401);
            assertThat(three.api().getBytes(xyzTile).statusCode()).as("tile after expiry").isEqualTo(401);

            // 5. B remembers tokens too: revoked through A, B's next tile is 401
            ApiToken four = token(projectId, "rtt-four");
            HttpApi fourOnB = new HttpApi(b.api().port()).bearer(four.secret());
            assertThat(fourOnB.getBytes(xyzTile).statusCode()).isEqualTo(200);
            assertThat(fourOnB.getBytes(xyzTile).statusCode()).isEqualTo(200);
            assertThat(api().delete("/api/v1/admin/tokens/" + four.id()).status()).isEqualTo(204);
            assertThat(fourOnB.getBytes(xyzTile).statusCode()).as("tile on B right after the revocation on A").isEqualTo(401);
        }
    }

    private ApiToken token(long projectId, String name) {
        return ApiToken.viewer(api(), projectId, name);
    }

}
