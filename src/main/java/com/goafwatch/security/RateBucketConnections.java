package com.goafwatch.security;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connections the rate-limit buckets are kept with: a small pool of their own, configured like the application's,
 * whose sessions commit with {@code synchronous_commit = off}.
 * <p>
 * Why: each limited request is one short read-modify-write transaction on its key's row. Waiting for the WAL flush made
 * that 3–5 ms against 0.5–0.7 ms without (pgbench on this 2-core machine, same statements), more than a vector tile
 * costs. What asynchronous commit can lose is the last few hundred milliseconds of bucket state if PostgreSQL itself
 * crashes — a caller then gets a few requests back, never a sensor sample. It is set per session on this pool only, so
 * no other write of the application (alerts, acknowledgements, ingestion records) is ever committed asynchronously; a
 * pool of its own also keeps a burst of limited requests from taking the connections the requests themselves need.
 */
final class RateBucketConnections {

    private static final int POOL_SIZE = 4;

    private RateBucketConnections() {
    }

    static DataSource asyncCommitting(DataSource application) {
        if (!(application instanceof HikariDataSource hikari)) {
            return application; // not a pool we can copy (an operator's own DataSource): use it as it is
        }
        HikariConfig config = new HikariConfig();
        hikari.copyStateTo(config);
        config.setPoolName("rate-buckets");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionInitSql("SET synchronous_commit = off");
        config.setInitializationFailTimeout(-1); // like the application's pool: PostgreSQL away at start is not fatal here
        return new HikariDataSource(config);
    }

    /** Closes the pool made by {@link #asyncCommitting}; leaves an operator's own DataSource alone. */
    static void close(DataSource connections, DataSource application) {
        if (connections != application && connections instanceof HikariDataSource own) {
            own.close();
        }
    }
}
