package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

import com.goafwatch.support.BrowserSession;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestClock;

/**
 * Failed sign-ins back off per user name and per client address before any password is checked (before the fix 1,300
 * wrong passwords all got 401). The service runs with a clock that stands still, so the budgets are exact: 5 failures
 * per user and minute (one back every 12 s), 12 per address and minute (one back every 5 s).
 */
class LoginThrottleTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    private static RunningService app;
    private static HttpApi admin;

    /** Pre-checks the login throttle made as statements of their own ({@link BucketStore#anyDrawnDown}). */
    private static final AtomicInteger PRE_CHECKS = new AtomicInteger();

    @BeforeAll
    static void start() {
        app = RunningService.start(context -> {
            context.getBeanFactory().registerSingleton("testClock", CLOCK);
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof BucketStore store ? new CountingPreChecks(store) : bean;
                }
            });
        }, RunningService.sharedServers("--goafwatch.security.login-throttle.per-user-per-minute=5",
                "--goafwatch.security.login-throttle.per-user-per-hour=0", "--goafwatch.security.login-throttle.per-address-per-minute=12",
                "--goafwatch.security.login-throttle.per-address-per-hour=0"));
        admin = app.api().bearer(app.api().postJson("/api/v1/admin/tokens", "{\"name\": \"throttle-admin\", \"role\": \"admin\"}")
                .json("$.secret"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void everyBudgetRefilled() {
        CLOCK.advance(Duration.ofHours(1));
    }

    private static String user(String password) {
        String name = Fixtures.uniqueCode("thr").toLowerCase();
        assertThat(admin.postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "viewer", "password": "%s"}""".formatted(name, password)).status()).isEqualTo(201);
        return name;
    }

    @Test
    void basicAuthBacksOffPerUserNameEvenForTheRightPassword() {
        String name = user("the-right-password-1");
        for (int i = 0; i < 5; i++) {
            assertThat(app.api().as(name, "wrong-" + i).get("/api/v1/projects").status()).isEqualTo(401);
        }
        var refused = app.api().as(name, "wrong-6").get("/api/v1/projects");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("12");
        assertThat((String) refused.json("$.type")).endsWith("/login-throttled");
        assertThat(app.api().as(name, "the-right-password-1").get("/api/v1/projects").status())
                .as("the password is not even checked while backing off").isEqualTo(429);
        assertThat(app.api().as(user("another-password-2"), "another-password-2").get("/api/v1/projects").status())
                .as("other user names are not affected").isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(12));
        assertThat(app.api().as(name, "the-right-password-1").get("/api/v1/projects").status()).isEqualTo(200);

        String audit = admin.get("/api/v1/audit?entityType=login&limit=200").body();
        assertThat(audit.split("\"action\":\"LOGIN_FAILED\"[^}]*\"user\":\"" + name + "\"", -1)).hasSize(6);
        assertThat(audit).contains("\"action\":\"LOGIN_THROTTLED\"").contains("\"after\":{\"user\":\"" + name
                + "\",\"address\":\"127.0.0.1\",\"retryAfterSeconds\":12}");
    }

    @Test
    void theLoginFormBacksOffToo() {
        String name = user("form-password-123");
        for (int i = 0; i < 5; i++) {
            assertThat(new BrowserSession(app.api().port()).signIn(name, "wrong-" + i)).isFalse();
        }
        BrowserSession browser = new BrowserSession(app.api().port());
        assertThat(browser.signIn(name, "form-password-123")).isFalse();
        assertThat(browser.lastLogin().statusCode()).isEqualTo(429);
        CLOCK.advance(Duration.ofSeconds(12));
        assertThat(new BrowserSession(app.api().port()).signIn(name, "form-password-123")).isTrue();
    }

    /**
     * A tile, items page or feature with a credential this instance remembers runs no pre-check of its own: its one
     * statement checks the throttle with the credential. A name that backs off is still refused with the right password,
     * on the data statement's path, on an error answered before any statement (400) and on a 304 revalidation.
     */
    @Test
    void rememberedBasicLoginsOnTilesAndFeaturesAreThrottledByTheirStatement() {
        String name = user("remembered-password-1");
        HttpApi gis = app.api().as(name, "remembered-password-1");
        String items = "/ogcapi/collections/parcels/items?limit=1";
        String tile = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/16/24000/53000";
        assertThat(gis.get(items).status()).as("verified in full, then remembered").isEqualTo(200);
        var first = gis.getBytes(tile);
        assertThat(first.statusCode()).isIn(200, 204);
        int before = PRE_CHECKS.get();
        for (int i = 0; i < 3; i++) {
            assertThat(gis.get(items).status()).isEqualTo(200);
            assertThat(gis.getBytes(tile).statusCode()).isIn(200, 204);
            assertThat(gis.get("/ogcapi/collections/parcels/items/999999999").status()).isEqualTo(404);
        }
        assertThat(PRE_CHECKS.get()).as("pre-checks of remembered logins on tiles, items and features").isEqualTo(before);

        for (int i = 0; i < 5; i++) {
            assertThat(app.api().as(name, "wrong-" + i).get("/api/v1/projects").status()).isEqualTo(401);
        }
        var refused = gis.get(items);
        assertThat(refused.status()).as("items page, remembered right password, name backing off").isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("12");
        assertThat((String) refused.json("$.type")).endsWith("/login-throttled");
        assertThat(gis.getBytes(tile).statusCode()).as("tile").isEqualTo(429);
        assertThat(gis.get("/ogcapi/collections/parcels/items/999999999").status()).as("missing feature").isEqualTo(429);
        assertThat(gis.get("/ogcapi/collections/parcels/items?limit=abc").status()).as("bad parameter, answered before any statement")
                .isEqualTo(429);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(gis.getBytes(tile, "If-None-Match", etag).statusCode()).as("304 revalidation").isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(12));
        assertThat(gis.get(items).status()).isEqualTo(200);
        assertThat(gis.getBytes(tile).statusCode()).isIn(200, 204);
    }

    @Test
    void rememberedTokensOnTilesAreThrottledPerAddressByTheirStatement() {
        String tile = "/ogcapi/collections/parcels/tiles/WebMercatorQuad/16/24000/53001";
        assertThat(admin.getBytes(tile).statusCode()).isIn(200, 204);
        int before = PRE_CHECKS.get();
        assertThat(admin.getBytes(tile).statusCode()).isIn(200, 204);
        assertThat(PRE_CHECKS.get()).as("pre-checks of a remembered token on a tile").isEqualTo(before);
        for (int i = 0; i < 12; i++) {
            assertThat(app.api().bearer("gw_guesst" + i + "_xxxxxxxxxxxxxxxxxxxxxxxx").get("/api/v1/projects").status()).isEqualTo(401);
        }
        var refused = admin.getBytes(tile);
        assertThat(refused.statusCode()).as("remembered valid token, address backing off").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(admin.getBytes(tile).statusCode()).isIn(200, 204);
    }

    /** Counts {@link BucketStore#anyDrawnDown}; everything else goes to the store as it is. */
    private record CountingPreChecks(BucketStore store) implements BucketStore {

        @Override
        public io.github.bucket4j.Bucket bucket(String key, java.util.function.Supplier<io.github.bucket4j.BucketConfiguration> configuration) {
            return store.bucket(key, configuration);
        }

        @Override
        public io.github.bucket4j.Bucket looseBucket(String key, java.util.function.Supplier<io.github.bucket4j.BucketConfiguration> configuration,
                long unsynchronized) {
            return store.looseBucket(key, configuration, unsynchronized);
        }

        @Override
        public boolean anyDrawnDown(java.util.Collection<String> keys) {
            PRE_CHECKS.incrementAndGet();
            return store.anyDrawnDown(keys);
        }

        @Override
        public java.util.Optional<SqlCondition> noneDrawnDown(java.util.Collection<String> keys) {
            return store.noneDrawnDown(keys);
        }
    }

    @Test
    void guessedTokensBackOffPerClientAddressForEveryone() {
        String name = user("address-password-1");
        for (int i = 0; i < 12; i++) {
            assertThat(app.api().bearer("gw_guess0" + i + "_xxxxxxxxxxxxxxxxxxxxxxxx").get("/api/v1/projects").status()).isEqualTo(401);
        }
        var refused = app.api().bearer("gw_guess13_xxxxxxxxxxxxxxxxxxxxxxxx").get("/api/v1/projects");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(app.api().as(name, "address-password-1").get("/api/v1/projects").status())
                .as("a sign-in from the same address waits as well").isEqualTo(429);
        assertThat(admin.get("/api/v1/projects").status()).as("every credential from that address waits, valid tokens included")
                .isEqualTo(429);
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(app.api().as(name, "address-password-1").get("/api/v1/projects").status()).isEqualTo(200);
    }
}
