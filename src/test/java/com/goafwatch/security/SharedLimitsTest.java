package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestClock;
import com.goafwatch.support.TestDirs;

/**
 * Two instances on one database share the request budget and the login back-off (the buckets live in PostgreSQL,
 * {@link PostgresBucketStore}). Both run with the same clock standing still, so budgets are exact: 10 requests per
 * caller and minute (one back every 6 s), 3 failed sign-ins per user name and minute (one back every 20 s).
 */
class SharedLimitsTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2027-03-01T00:00:00Z"));
    private static RunningService a;
    private static RunningService b;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        String[] limits = {"--goafwatch.limits.requests-per-minute=10", "--goafwatch.security.login-throttle.per-user-per-minute=3",
                "--goafwatch.security.login-throttle.per-user-per-hour=0"};
        a = RunningService.start(CLOCK, RunningService.sharedServers(with(limits, "--goafwatch.spool.dir=" + TestDirs.fresh("limits-a-spool"))));
        b = RunningService.start(CLOCK, RunningService.sharedServers(with(limits, "--goafwatch.spool.dir=" + TestDirs.fresh("limits-b-spool"))));
        jdbc = a.context().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        // the buckets outlive the instances; other tests' admin budget must not inherit this test's limits and clock
        jdbc.sql("DELETE FROM rate_bucket").update();
        b.close();
        a.close();
    }

    private static String[] with(String[] base, String more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = more;
        return all;
    }

    /** A new viewer, made by the admin (the admin's own budget is another key). */
    private static String viewer(String password) {
        String name = Fixtures.uniqueCode("shl").toLowerCase();
        assertThat(a.api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "viewer", "password": "%s"}""".formatted(name, password)).status()).isEqualTo(201);
        return name;
    }

    @Test
    void aCallersRequestBudgetIsSpentAcrossBothInstances() {
        String name = viewer("shared-budget-pw-1");
        HttpApi onA = a.api().as(name, "shared-budget-pw-1");
        HttpApi onB = b.api().as(name, "shared-budget-pw-1");
        for (int i = 0; i < 10; i++) {
            assertThat((i % 2 == 0 ? onA : onB).get("/api/v1/projects").status()).as("request %d of 10", i + 1).isEqualTo(200);
        }
        var refusedOnA = onA.get("/api/v1/projects");
        assertThat(refusedOnA.status()).as("the 11th, on A").isEqualTo(429);
        assertThat(refusedOnA.header("Retry-After")).isEqualTo("6");
        assertThat(onB.get("/api/v1/projects").status()).as("the 11th, on B").isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(6));
        assertThat(onB.get("/api/v1/projects").status()).as("one token back after 6 s, taken on B").isEqualTo(200);
        assertThat(onA.get("/api/v1/projects").status()).as("so none left for A").isEqualTo(429);

        // one row for the caller, read from the table itself; kept one hour past the moment it would be full again
        // (about 60 s from an empty bucket of 10 per minute)
        Long expiresAt = jdbc.sql("SELECT expires_at FROM rate_bucket WHERE id = ?").param("requests:" + name).query(Long.class).single();
        long now = System.currentTimeMillis();
        assertThat(expiresAt).isBetween(now + Duration.ofHours(1).toMillis(), now + Duration.ofHours(1).plusSeconds(61).toMillis());
    }

    @Test
    void failedSignInsOfOneUserNameCountOnBothInstances() {
        String name = viewer("throttled-pw-123");
        assertThat(a.api().as(name, "wrong-1").get("/api/v1/projects").status()).isEqualTo(401);
        assertThat(b.api().as(name, "wrong-2").get("/api/v1/projects").status()).isEqualTo(401);
        assertThat(a.api().as(name, "wrong-3").get("/api/v1/projects").status()).isEqualTo(401);

        var refusedOnB = b.api().as(name, "throttled-pw-123").get("/api/v1/projects");
        assertThat(refusedOnB.status()).as("B saw one failure, A two: the user's budget of 3 is spent").isEqualTo(429);
        assertThat(refusedOnB.header("Retry-After")).isEqualTo("20");
        assertThat(a.api().as(name, "throttled-pw-123").get("/api/v1/projects").status()).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(20));
        assertThat(b.api().as(name, "throttled-pw-123").get("/api/v1/projects").status()).isEqualTo(200);
    }

    @Test
    void theMemoryStoreLimitsOneInstanceAndWritesNothingToTheDatabase() {
        String name = viewer("memory-store-pw-1");
        try (RunningService single = RunningService.start(CLOCK, RunningService.sharedServers("--goafwatch.limits.bucket-store=memory",
                "--goafwatch.limits.requests-per-minute=3", "--goafwatch.spool.dir=" + TestDirs.fresh("limits-memory-spool")))) {
            assertThat(single.context().getBeansOfType(BucketStore.class).values()).singleElement().isInstanceOf(InMemoryBucketStore.class);
            HttpApi caller = single.api().as(name, "memory-store-pw-1");
            for (int i = 0; i < 3; i++) {
                assertThat(caller.get("/api/v1/projects").status()).isEqualTo(200);
            }
            assertThat(caller.get("/api/v1/projects").status()).isEqualTo(429);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM rate_bucket WHERE id = ?").param("requests:" + name).query(Long.class).single()).isZero();
    }

    @Test
    void rowsOfBucketsThatAreFullAgainAreDeleted() {
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO rate_bucket (id, state, expires_at) VALUES ('test:expired', NULL, ?), ('test:current', NULL, ?)")
                .param(now - 1_000).param(now + 600_000).update();
        a.context().getBean(PostgresBucketStore.class).removeExpired();
        assertThat(jdbc.sql("SELECT id FROM rate_bucket WHERE id LIKE 'test:%'").query(String.class).list()).containsExactly("test:current");
        jdbc.sql("DELETE FROM rate_bucket WHERE id = 'test:current'").update();
    }
}
