package com.goafwatch.timeseries;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code influx} entry of /actuator/health: reachability, version, and whether the schema is in place. */
@Component
class InfluxHealthIndicator extends AbstractHealthIndicator {

    private final InfluxClient client;
    private final InfluxSchema schema;

    InfluxHealthIndicator(InfluxClient client, InfluxSchema schema) {
        super("InfluxDB health check failed");
        this.client = client;
        this.schema = schema;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String version = client.ping();
        boolean ready = schema.ensure();
        builder.withDetail("url", client.properties().url().toString())
                .withDetail("version", version)
                .withDetail("database", client.properties().database())
                .withDetail("schemaReady", ready);
        if (ready) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
