package com.goafwatch.system;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code postgis} entry of /actuator/health (and of the readiness group): the PostGIS and PROJ versions
 * the database really runs. PostgreSQL unreachable is DOWN, which the health endpoint answers with 503.
 *
 * <p>The answer is prompt: the query runs on a helper thread and the check reports DOWN when it has no
 * answer within {@link #DEADLINE}, instead of waiting for the pool's connection timeout. A check still
 * hanging is waited on again by the next one, never started twice, so a dead database does not pile up
 * threads.
 */
@Component
class PostgisHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    /** Longest wait for the database's answer before the check says DOWN. */
    static final Duration DEADLINE = Duration.ofMillis(1500);

    private final JdbcClient jdbc;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "postgis-health");
        t.setDaemon(true);
        return t;
    });
    private Future<Versions> pending;

    PostgisHealthIndicator(JdbcClient jdbc) {
        super("PostGIS health check failed");
        this.jdbc = jdbc;
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
            pending = checker.submit(() -> new Versions(
                    jdbc.sql("SELECT postgis_lib_version()").query(String.class).single(),
                    jdbc.sql("SELECT postgis_proj_version()").query(String.class).single()));
        }
        return pending;
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
