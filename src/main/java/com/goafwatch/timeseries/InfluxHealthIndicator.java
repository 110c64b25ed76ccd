package com.goafwatch.timeseries;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code influx} entry of /actuator/health: reachability, version, and whether the schema is in place.
 * Unreachable InfluxDB is DEGRADED, not DOWN: the service still accepts data into its spool and serves
 * everything kept in PostGIS, so a load balancer must not take it out of service.
 */
@Component
class InfluxHealthIndicator extends AbstractHealthIndicator {

    static final org.springframework.boot.health.contributor.Status DEGRADED =
            new org.springframework.boot.health.contributor.Status("DEGRADED");

    private final InfluxClient client;
    private final InfluxSchema schema;

    InfluxHealthIndicator(InfluxClient client, InfluxSchema schema) {
        super("InfluxDB health check failed");
        this.client = client;
        this.schema = schema;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String version;
        try {
            version = client.ping();
        } catch (RuntimeException e) {
            builder.status(DEGRADED).withDetail("url", client.properties().url().toString())
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .withDetail("consequence", "sensor data is accepted into the spool and written when InfluxDB is back");
            return;
        }
        boolean ready = schema.ensure();
        builder.withDetail("url", client.properties().url().toString())
                .withDetail("version", version)
                .withDetail("database", client.properties().database())
                .withDetail("schemaReady", ready);
        if (ready) {
            builder.up();
        } else {
            builder.status(DEGRADED);
        }
    }
}
