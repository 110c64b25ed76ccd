package com.goafwatch.timeseries;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code spool} entry of /actuator/health: the backlog of accepted data not yet in InfluxDB. It stays
 * UP while the spool accepts data (ingestion works during an InfluxDB outage); the details show how
 * far behind InfluxDB is and the last write error.
 */
@Component
class SpoolHealthIndicator extends AbstractHealthIndicator {

    private final SpoolDrainer drainer;

    SpoolHealthIndicator(SpoolDrainer drainer) {
        this.drainer = drainer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SpoolStatus s = drainer.status();
        builder.up().withDetail("pendingBatches", s.pendingBatches()).withDetail("pendingBytes", s.pendingBytes())
                .withDetail("rejectedBatches", s.rejectedBatches()).withDetail("writtenPoints", s.writtenPoints());
        if (s.lastError() != null) {
            builder.withDetail("lastError", s.lastError()).withDetail("lastErrorAt", String.valueOf(s.lastErrorAt()));
        }
    }
}
