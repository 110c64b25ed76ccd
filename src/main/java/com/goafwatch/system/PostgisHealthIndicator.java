package com.goafwatch.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code postgis} entry of /actuator/health (and of the readiness group): the PostGIS and PROJ versions
 * the database really runs. PostgreSQL unreachable is DOWN, which the health endpoint answers with 503.
 *
 * <p>The answer is prompt: the query runs on a helper thread and the check reports DOWN when it has no
 * answer within {@link #DEADLINE}, instead of waiting for the pool's connection timeout. A check still
 * hanging is waited on again by the next one, never started twice, so a dead database does not pile up
 * threads. The check's own connection reads with a socket timeout ({@link #NETWORK_TIMEOUT}), so a
 * connection whose server vanished without closing it (a dead host, a cut link) cannot hold the check
 * thread for good: the check ends with an error and the next one borrows a fresh connection. Readiness
 * therefore answers within the deadline (plus the request's own handling) whatever the pool's
 * connection timeout, and turns UP again by itself when PostgreSQL is back ({@code DatabaseOutageTest}).
 */
@Component
class PostgisHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    /** Longest wait for the database's answer before the check says DOWN. */
    static final Duration DEADLINE = Duration.ofMillis(1500);
    /** Longest silence on the check's connection before it is given up (and evicted by the pool). */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "postgis-health");
        t.setDaemon(true);
        return t;
    });
    private Future<Versions> pending;

    PostgisHealthIndicator(DataSource dataSource) {
        super("PostGIS health check failed");
        this.dataSource = dataSource;
    }

    private record Versions(String postgis, String proj) {
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws InterruptedException {
        try {
            Versions v = check().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            builder.up().withDetail("postgis", v.postgis()).withDetail("proj", v.proj());
        } catch (TimeoutException e) {
            builder.down().withDetail("error", "PostgreSQL did not answer within " + DEADLINE.toMillis() + " ms");
        } catch (ExecutionException e) {
            builder.down(e.getCause());
        }
    }

    private synchronized Future<Versions> check() {
        if (pending == null || pending.isDone()) {
            pending = checker.submit(this::versions);
        }
        return pending;
    }

    private Versions versions() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis()); // the pool restores its own on return
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT postgis_lib_version(), postgis_proj_version()")) {
                rs.next();
                return new Versions(rs.getString(1), rs.getString(2));
            }
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
