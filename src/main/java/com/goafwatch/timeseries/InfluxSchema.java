package com.goafwatch.timeseries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the database and retention policy at start-up (both statements are idempotent on 1.x).
 * When InfluxDB cannot be reached the service still starts, says so clearly, and reports DOWN for
 * InfluxDB in {@code /actuator/health}; the schema is checked again on the next successful health check.
 */
@Component
public class InfluxSchema {

    private static final Logger log = LoggerFactory.getLogger(InfluxSchema.class);

    private final InfluxClient client;
    private volatile boolean ready;

    InfluxSchema(InfluxClient client) {
        this.client = client;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        ensure();
    }

    /** Forget that the schema exists (InfluxDB said it does not), so the next call creates it again. */
    public void invalidate() {
        ready = false;
    }

    /** @return true when the database and retention policy exist */
    public boolean ensure() {
        if (ready) {
            return true;
        }
        InfluxProperties p = client.properties();
        try {
            String version = client.ping();
            if (!p.manageSchema()) {
                ready = true;
                log.info("InfluxDB {} at {}: using database/bucket {} as configured (schema managed by the operator)", version,
                        p.url(), p.database());
                return true;
            }
            String db = InfluxQl.identifier(p.database());
            client.command("CREATE DATABASE " + db);
            client.command("CREATE RETENTION POLICY " + InfluxQl.identifier(p.retentionPolicy()) + " ON " + db
                    + " DURATION " + InfluxQl.duration(p.retention()) + " REPLICATION 1 DEFAULT");
            ready = true;
            log.info("InfluxDB {} at {}: database {} ready (retention policy {}, {})", version, p.url(), p.database(),
                    p.retentionPolicy(), InfluxQl.duration(p.retention()));
        } catch (RuntimeException e) {
            log.warn("InfluxDB at {} is not reachable or refused the schema set-up ({}); the service runs on and "
                    + "retries on the next health check", p.url(), e.getMessage());
        }
        return ready;
    }
}
