package com.goafwatch.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.system.WorkerThread;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Buckets in PostgreSQL (table {@code rate_bucket}, V75), so every instance behind a balancer draws on the same budget:
 * bucket4j's {@code ProxyManager} reads a key's row {@code FOR UPDATE}, applies the operation and writes it back in one
 * transaction. Time comes from the application's {@link Clock} (a {@code Clock} bean when there is exactly one), as in
 * {@link InMemoryBucketStore}; the instances' clocks must agree, which NTP provides.
 * <p>
 * A row carries the wall time after which its bucket would be full again plus {@link #KEEP_AFTER_REFILL}; a background
 * loop deletes such rows every {@link #CLEANUP_EVERY} (deleting a full bucket changes nothing, so callers that invent
 * user names cannot grow the table for long). This is the default store; {@code goafwatch.limits.bucket-store=memory}
 * selects the in-memory one for a single instance.
 * <p>
 * The buckets' transactions commit without waiting for the WAL flush ({@link RateBucketConnections}): a limit is
 * advisory state, and a flush per limited request (3–5 ms here) would cost more than the tile it guards.
 */
@Component
@ConditionalOnProperty(name = "goafwatch.limits.bucket-store", havingValue = "postgresql", matchIfMissing = true)
class PostgresBucketStore extends WorkerThread implements BucketStore, DisposableBean {

    static final Duration KEEP_AFTER_REFILL = Duration.ofHours(1);
    static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);
    private static final int CLEANUP_BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(PostgresBucketStore.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final LooseBuckets loose;
    private final DataSource connections;
    private final DataSource application;
    private final JdbcClient reads;
    private final Clock clock;

    PostgresBucketStore(DataSource dataSource, ObjectProvider<Clock> clock) {
        super("rate-bucket-cleaner");
        this.application = dataSource;
        this.connections = RateBucketConnections.asyncCommitting(dataSource);
        this.reads = JdbcClient.create(connections);
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(connections)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .clientClock(new ClockTimeMeter(this.clock))
                .build();
        this.loose = new LooseBuckets(buckets, new ClockTimeMeter(this.clock));
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.getProxy(key, configuration);
    }

    @Override
    public Bucket looseBucket(String key, Supplier<BucketConfiguration> configuration, long unsynchronized) {
        return unsynchronized < 1 ? bucket(key, configuration) : loose.bucket(key, configuration, unsynchronized);
    }

    /**
     * One plain read of the rows' {@code expires_at}, no lock. bucket4j writes a row with the system time of the write
     * plus the time its bucket needs to be full again (on the application's clock) plus {@link #KEEP_AFTER_REFILL}, so
     * with the two clocks agreeing (production: both are the system clock) a bucket is drawn down exactly while that is
     * later than now plus {@link #KEEP_AFTER_REFILL}; a key without a row has a full bucket. "Now" is the earlier of the
     * two clocks, so a clock held still or set back (tests) can only make the answer "maybe drawn down", never "full"
     * too early.
     */
    @Override
    public boolean anyDrawnDown(Collection<String> keys) {
        SqlCondition drawnDown = drawnDown(keys);
        return reads.sql("SELECT " + drawnDown.sql()).params(drawnDown.params()).query(Boolean.class).single();
    }

    /**
     * The same read as {@link #anyDrawnDown}, negated, for a statement of the application (same database): "now" is taken
     * when the condition is made, before the statement runs, so it can only say "maybe drawn down" more often, never less.
     */
    @Override
    public Optional<SqlCondition> noneDrawnDown(Collection<String> keys) {
        SqlCondition drawnDown = drawnDown(keys);
        return Optional.of(new SqlCondition("NOT " + drawnDown.sql(), drawnDown.params()));
    }

    private SqlCondition drawnDown(Collection<String> keys) {
        long now = Math.min(clock.millis(), System.currentTimeMillis());
        return new SqlCondition("EXISTS (SELECT 1 FROM rate_bucket WHERE id = ANY (?) AND expires_at > ?)",
                List.of(keys.toArray(String[]::new), now + KEEP_AFTER_REFILL.toMillis()));
    }

    /** After the web server has stopped (a bean's destruction comes after every lifecycle stop). */
    @Override
    public void destroy() {
        loose.writeBackAll(); // what this instance admitted but has not written back yet
        RateBucketConnections.close(connections, application);
    }

    /** Deletes rows whose buckets are full again; returns how many. */
    int removeExpired() {
        int removed = 0;
        for (int batch; (batch = buckets.removeExpired(CLEANUP_BATCH)) > 0;) {
            removed += batch;
            if (batch < CLEANUP_BATCH) {
                break;
            }
        }
        return removed;
    }

    @Override
    protected void work() {
        while (running()) {
            try {
                Thread.sleep(CLEANUP_EVERY.toMillis());
                loose.writeBackAll(); // keys that went quiet with tokens owed
                int removed = removeExpired();
                log.debug("removed {} expired rate-limit buckets", removed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("could not remove expired rate-limit buckets: {}", e.getMessage());
            }
        }
    }
}
