package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.BrowserSession;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Browser sessions follow the user row at once: disabling a user, removing a grant or logging them out everywhere
 * reaches a session that is already open, at its very next request (before the fix the old cookie kept full access).
 */
class SessionRevocationTest extends IntegrationTest {

    private long p1;
    private long p2;
    private long parcel;
    private long alert;
    private String name;
    private final String password = "revocation-password-long";

    @BeforeEach
    void userWithASession() {
        p1 = fixtures().project(Fixtures.uniqueCode("REV"));
        p2 = fixtures().project(Fixtures.uniqueCode("REV2"));
        fixtures().phase(p1, 1);
        assertThat(fixtures().importGeoJson(p1, "?crs=EPSG:4548", Fixtures.collection(Fixtures.feature("A", 1, "Polygon",
                Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(p1).query(Long.class).single();
        alert = jdbc.sql("INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, state, level, peak_level, raised_at, "
                + "updated_at) SELECT project_id, phase_id, id, 'r', 'settlement', 'threshold', 'raised', 'yellow', 'yellow', now(), now() "
                + "FROM parcel WHERE id = ? RETURNING id").param(parcel).query(Long.class).single();
        name = Fixtures.uniqueCode("sess").toLowerCase();
        assertThat(api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d, %d], "password": "%s"}""".formatted(name, p1, p2, password))
                .status()).isEqualTo(201);
    }

    private BrowserSession signedIn() {
        BrowserSession browser = new BrowserSession(port);
        assertThat(browser.signIn(name, password)).isTrue();
        assertThat(browser.get("/api/v1/parcels/" + parcel).statusCode()).isEqualTo(200);
        return browser;
    }

    private void put(String userJson) {
        var r = api().putJson("/api/v1/admin/users/" + name, userJson);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void disablingAUserEndsTheirOpenSessionAtTheNextRequest() {
        BrowserSession browser = signedIn();
        String[] csrf = browser.csrf();
        put("{\"role\": \"engineer\", \"projectIds\": [%d, %d], \"disabled\": true}".formatted(p1, p2));

        assertThat(browser.get("/api/v1/parcels/" + parcel).statusCode()).isEqualTo(401);
        var comment = browser.postJson("/api/v1/alerts/" + alert + "/comments", "{\"comment\": \"still here\"}", csrf[0], csrf[1]);
        assertThat(comment.statusCode()).isIn(401, 403);
        assertThat(jdbc.sql("SELECT count(*) FROM alert_event WHERE alert_id = ? AND actor = ?").params(alert, name).query(Long.class)
                .single()).as("nothing written in the disabled user's name").isZero();

        // enabling the user again does not revive the old session; a new sign-in works
        put("{\"role\": \"engineer\", \"projectIds\": [%d, %d], \"disabled\": false}".formatted(p1, p2));
        assertThat(browser.get("/api/v1/parcels/" + parcel).statusCode()).isEqualTo(401);
        assertThat(signedIn().get("/api/v1/projects/" + p1).statusCode()).isEqualTo(200);
    }

    @Test
    void aRemovedGrantOrLowerRoleAppliesToTheOpenSession() {
        BrowserSession browser = signedIn();
        put("{\"role\": \"engineer\", \"projectIds\": [%d]}".formatted(p2));
        assertThat(browser.get("/api/v1/parcels/" + parcel).statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/v1/projects/" + p2).statusCode()).as("the remaining grant still works").isEqualTo(200);

        put("{\"role\": \"viewer\", \"projectIds\": [%d]}".formatted(p1));
        assertThat(browser.get("/api/v1/parcels/" + parcel).statusCode()).as("the grant given back works at once").isEqualTo(200);
        String[] csrf = browser.csrf();
        var comment = browser.postJson("/api/v1/alerts/" + alert + "/comments", "{\"comment\": \"as a viewer\"}", csrf[0], csrf[1]);
        assertThat(comment.statusCode()).as("a viewer may not comment").isEqualTo(403);
        assertThat(List.of(browser.get("/api/v1/session").body())).allMatch(b -> b.contains("\"role\":\"viewer\""));
    }

    @Test
    void anAdminLogsAUserOutEverywhere() {
        BrowserSession first = signedIn();
        BrowserSession second = signedIn();
        var logout = api().postJson("/api/v1/admin/users/" + name + "/logout", "");
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertThat(first.get("/api/v1/projects/" + p1).statusCode()).isEqualTo(401);
        assertThat(second.get("/api/v1/projects/" + p1).statusCode()).isEqualTo(401);
        assertThat(signedIn().get("/api/v1/projects/" + p1).statusCode()).as("signing in again works").isEqualTo(200);
        assertThat(api().postJson("/api/v1/admin/users/nobody-" + name + "/logout", "").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/audit?entityType=app_user&limit=20").body()).contains("\"session_epoch\":1");
    }

    @Test
    void aCookieSessionNeedsItsCsrfTokenEvenWithAnAuthorizationHeader() {
        BrowserSession browser = signedIn();
        var forged = browser.postJson("/api/v1/alerts/" + alert + "/comments", "{\"comment\": \"forged\"}", "Authorization", "Bearer x");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        String[] csrf = browser.csrf();
        var real = browser.postJson("/api/v1/alerts/" + alert + "/comments", "{\"comment\": \"checked\"}", csrf[0], csrf[1]);
        assertThat(real.statusCode()).as(real.body()).isIn(200, 201);
    }

    @org.springframework.beans.factory.annotation.Autowired
    UserService users;

    /**
     * HTTP Basic (GDAL, QGIS) is answered without bcrypt after the first verification, yet follows the user row at the
     * very next request: disabling, a removed grant and a new password all act at once.
     */
    @Test
    void httpBasicFromTheVerifiedCacheStillFollowsTheUserRowAtOnce() {
        var basic = api().as(name, password);
        for (int i = 0; i < 3; i++) {
            assertThat(basic.get("/api/v1/parcels/" + parcel).status()).isEqualTo(200);
        }
        put("{\"role\": \"engineer\", \"projectIds\": [%d, %d], \"disabled\": true}".formatted(p1, p2));
        assertThat(basic.get("/api/v1/parcels/" + parcel).status()).as("disabled").isEqualTo(401);
        put("{\"role\": \"engineer\", \"projectIds\": [%d]}".formatted(p2));
        assertThat(basic.get("/api/v1/parcels/" + parcel).status()).as("grant removed").isEqualTo(403);
        assertThat(basic.get("/api/v1/projects/" + p2).status()).as("remaining grant").isEqualTo(200);
        users.resetPassword(name, "a-new-password-long-enough");
        assertThat(basic.get("/api/v1/projects/" + p2).status()).as("old password after the change").isEqualTo(401);
        assertThat(api().as(name, "a-new-password-long-enough").get("/api/v1/projects/" + p2).status()).isEqualTo(200);
    }
}
