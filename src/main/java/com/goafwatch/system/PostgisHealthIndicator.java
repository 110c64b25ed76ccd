package com.goafwatch.system;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code postgis} entry of /actuator/health: the PostGIS and PROJ versions the database really runs. */
@Component
class PostgisHealthIndicator extends AbstractHealthIndicator {

    private final JdbcClient jdbc;

    PostgisHealthIndicator(JdbcClient jdbc) {
        super("PostGIS health check failed");
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String postgis = jdbc.sql("SELECT postgis_lib_version()").query(String.class).single();
        String proj = jdbc.sql("SELECT postgis_proj_version()").query(String.class).single();
        builder.up().withDetail("postgis", postgis).withDetail("proj", proj);
    }
}
