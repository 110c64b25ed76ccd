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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;

/**
 * HTTP Basic (what GDAL and QGIS send) on tiles and features: a login this instance verified moments ago is confirmed
 * inside the tile or feature statement, like a remembered API token. Whatever changes on another instance (B) or in the
 * database between two requests to this one (A) — the user disabled, the project grant removed, the password changed —
 * the very next request answers as the user stands now; the tile bytes stay those of the bare {@code ST_AsMVT}.
 */
class RememberedBasicTileTest extends IntegrationTest {

    @Test
    void rememberedBasicLoginsAreConfirmedByTheStatementAcrossInstances() throws Exception {
        long projectId = fixtures().project(Fixtures.uniqueCode("RBT"));
        fixtures().phase(projectId, 1);
        var imported = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("RB-A", 1, "Polygon", square(E0 + 10, N0 + 10, 60))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        long parcelId = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
        int[] t = com.goafwatch.support.SlippyTiles.holding(jdbc, 16, E0 + 40, N0 + 40);
        String tile = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/" + t[0] + "/" + t[2] + "/" + t[1];
        String item = "/ogcapi/collections/parcels/items/" + parcelId;
        byte[] bare = jdbc.sql(TileRepository.sql(TileLayer.PARCELS, " AND " + TileLayer.PARCELS.projectColumn() + " = ANY (?)"))
                .params(List.of(t[0], t[1], t[2], TileLayer.PARCELS.versionKey(), TileLayer.PARCELS.urlName(), new Long[] {projectId}))
                .query((rs, i) -> rs.getBytes("mvt")).single();
        assertThat(bare).isNotEmpty();

        try (RunningService b = RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + TestDirs.fresh("rbt-b-spool")))) {
            HttpApi adminB = new HttpApi(b.api().port());
            String name = Fixtures.uniqueCode("rbt").toLowerCase();
            String password = "pw-" + name + "-long-enough";
            var created = api().postJson("/api/v1/admin/users", """
                    {"username": "%s", "role": "viewer", "projectIds": [%d], "password": "%s"}""".formatted(name, projectId, password));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            HttpApi gis = api().as(name, password);

            // 1. verified in full, then served remembered: the same bytes as the bare statement each time
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> r = gis.getBytes(tile);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).as("tile bytes = bare ST_AsMVT, request " + (i + 1)).isEqualTo(bare);
                assertThat(gis.getBytes(item).statusCode()).isEqualTo(200);
            }
            assertThat(api().as(name, password + "x").getBytes(tile).statusCode()).as("wrong password beside a remembered one").isEqualTo(401);

            // 2. disabled through B: A's very next tile and feature are 401; enabled again: 200
            assertThat(adminB.putJson("/api/v1/admin/users/" + name, """
                    {"role": "viewer", "projectIds": [%d], "disabled": true}""".formatted(projectId)).status()).isEqualTo(200);
            assertThat(gis.getBytes(tile).statusCode()).as("tile right after disabling on B").isEqualTo(401);
            assertThat(gis.getBytes(item).statusCode()).as("feature right after disabling on B").isEqualTo(401);
            assertThat(adminB.putJson("/api/v1/admin/users/" + name, """
                    {"role": "viewer", "projectIds": [%d]}""".formatted(projectId)).status()).isEqualTo(200);
            assertThat(gis.getBytes(tile).body()).isEqualTo(bare);
            assertThat(gis.getBytes(tile).body()).isEqualTo(bare);

            // 3. grant removed through B: the next tile holds none of the project's parcels, the feature is not found
            assertThat(adminB.putJson("/api/v1/admin/users/" + name, """
                    {"role": "viewer", "projectIds": []}""").status()).isEqualTo(200);
            HttpResponse<byte[]> ungranted = gis.getBytes(tile);
            assertThat(ungranted.statusCode()).as("tile right after the grant was removed on B").isIn(200, 204);
            assertThat(ungranted.body()).isNotEqualTo(bare);
            assertThat(gis.getBytes(item).statusCode()).as("feature right after the grant was removed").isEqualTo(404);
            assertThat(adminB.putJson("/api/v1/admin/users/" + name, """
                    {"role": "viewer", "projectIds": [%d]}""".formatted(projectId)).status()).isEqualTo(200);
            assertThat(gis.getBytes(tile).body()).isEqualTo(bare);
            assertThat(gis.getBytes(tile).body()).isEqualTo(bare);

            // 4. password changed in the database (bcrypt by Spring's encoder, as an operator's tool would): the old
            // password is refused at once, the new one works
            String changed = password + "-new";
            jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?").params("{bcrypt}" + new BCryptPasswordEncoder().encode(changed), name).update();
            assertThat(gis.getBytes(tile).statusCode()).as("old password right after the change").isEqualTo(401);
            assertThat(gis.getBytes(item).statusCode()).isEqualTo(401);
            HttpApi renewed = api().as(name, changed);
            assertThat(renewed.getBytes(tile).body()).isEqualTo(bare);
            assertThat(renewed.getBytes(tile).body()).isEqualTo(bare);

            // 5. B remembers logins too: disabled through A, B's next tile is 401
            HttpApi renewedOnB = new HttpApi(b.api().port()).as(name, changed);
            assertThat(renewedOnB.getBytes(tile).statusCode()).isEqualTo(200);
            assertThat(renewedOnB.getBytes(tile).statusCode()).isEqualTo(200);
            assertThat(api().putJson("/api/v1/admin/users/" + name, """
                    {"role": "viewer", "projectIds": [%d], "disabled": true}""".formatted(projectId)).status()).isEqualTo(200);
            assertThat(renewedOnB.getBytes(tile).statusCode()).as("tile on B right after disabling on A").isEqualTo(401);
        }
    }

}
