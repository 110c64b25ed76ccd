package com.goafwatch.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole service on a random port against the real PostGIS database and
 * the real InfluxDB started for this JVM. All subclasses share one Spring context (same properties),
 * so each test makes its own project with a unique code instead of cleaning tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"goafwatch.limits.max-upload-size=1MB", "goafwatch.limits.max-page-size=500",
                "goafwatch.ingest.max-trace-size=2MB", "goafwatch.spool.max-backoff=1s", "goafwatch.limits.requests-per-minute=0",
                // every test client shares 127.0.0.1 (LoginThrottleTest checks the address limits in its own service)
                "goafwatch.security.login-throttle.per-address-per-minute=0", "goafwatch.security.login-throttle.per-address-per-hour=0",
                // evaluation runs when a test calls it, with the test's clock
                "goafwatch.evaluation.interval=0", "goafwatch.evaluation.on-ingest=false",
                "goafwatch.notify.poll=200ms",
                // the tests' webhook receivers listen on loopback; InfluxDB there stays refused (DeliveryAddressGuard)
                "goafwatch.notify.allowed-hosts=127.0.0.1", "goafwatch.notify.first-retry=200ms", "goafwatch.notify.max-retry=1s",
                // messenger cards link to the parcel on the web map (only their key: the API's own links stay relative to the request)
                "goafwatch.notify.messenger.public-base-url=https://goafwatch.example.cn"})
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    private HttpApi api;

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::sharedJdbcUrl);
        registry.add("spring.datasource.username", TestPostgres::user);
        registry.add("goafwatch.influx.url", () -> TestInflux.get().url());
        registry.add("goafwatch.spool.dir", () -> TestDirs.spool());
        registry.add("goafwatch.security.bootstrap-admin-password", () -> TestUsers.ADMIN_PASSWORD);
    }

    /** Admin API token of the shared context: bcrypt on every Basic request would slow the suite down. */
    private static String adminToken;

    protected HttpApi api() {
        if (api == null) {
            synchronized (IntegrationTest.class) {
                if (adminToken == null) {
                    adminToken = new HttpApi(port).postJson("/api/v1/admin/tokens", "{\"name\": \"test-admin\", \"role\": \"admin\"}")
                            .json("$.secret");
                }
            }
            api = new HttpApi(port).bearer(adminToken);
        }
        return api;
    }

    protected long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** Waits until every accepted batch is in InfluxDB (the spool is empty). */
    protected void awaitDrained() {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            var r = api().get("/api/v1/ingest/status");
            if (((Number) r.json("$.pendingBatches")).intValue() == 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("spool not drained within 120 s: " + api().get("/api/v1/ingest/status").body());
    }

    protected Fixtures fixtures() {
        return new Fixtures(api());
    }
}
