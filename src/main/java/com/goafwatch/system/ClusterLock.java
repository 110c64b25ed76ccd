package com.goafwatch.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Mutual exclusion across every instance sharing the database, on PostgreSQL advisory locks.
 *
 * <p>{@link #tryRun} takes a transaction-level advisory lock ({@code pg_try_advisory_xact_lock}) on a
 * connection of its own and keeps that transaction open while the work runs; the work does its reads and
 * writes through the ordinary pool and commits them before it returns, so the next holder sees them. The
 * lock ends with that transaction: when the work returns or throws, and also when the holder dies (kill
 * -9, a lost network): PostgreSQL ends a dead client's session and its locks with it, so no lease has to
 * expire before another instance takes over.
 *
 * <p>Not guaranteed: if only the lock's connection breaks while the work goes on, another instance may
 * start the same work; the users of this lock stay correct then (at-least-once delivery with the delivery
 * id for receivers, unique indexes for alerts).
 */
@Component
public class ClusterLock {

    /** What is locked: the first key of the advisory lock, so ids of different things never collide. */
    public enum Scope {
        NOTIFICATION_CHANNEL(1), PROJECT_EVALUATION(2), ADMIN_BOOTSTRAP(3), SAMPLE_SITE(4);

        private final int key;

        Scope(int key) {
            this.key = key;
        }
    }

    /** SQLSTATE of a lock wait that ran into {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;

    public ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} while holding the lock on ({@code scope}, {@code id}), or does nothing when another
     * holder has it.
     *
     * @return the work's result, or empty when the lock was held elsewhere (the work did not run)
     */
    public <T> Optional<T> tryRun(Scope scope, long id, Supplier<T> work) {
        return run(scope, id, false, work);
    }

    /** Runs {@code work} while holding the lock on ({@code scope}, {@code id}), waiting first while another holder has it. */
    public <T> T runWhenFree(Scope scope, long id, Supplier<T> work) {
        return run(scope, id, true, work).orElseThrow();
    }

    /**
     * Runs {@code work} while holding the lock on ({@code scope}, {@code id}), waiting at most {@code maxWait} while
     * another holder has it (PostgreSQL's {@code lock_timeout}, which covers advisory locks too).
     *
     * @return the work's result, or empty when the lock was not free within {@code maxWait} (the work did not run)
     */
    public <T> Optional<T> runWithin(Scope scope, long id, Duration maxWait, Supplier<T> work) {
        return run(scope, id, true, maxWait, work);
    }

    private <T> Optional<T> run(Scope scope, long id, boolean wait, Supplier<T> work) {
        return run(scope, id, wait, null, work);
    }

    private <T> Optional<T> run(Scope scope, long id, boolean wait, Duration maxWait, Supplier<T> work) {
        try (Connection lockConnection = dataSource.getConnection()) {
            lockConnection.setAutoCommit(false);
            try {
                if (maxWait != null) {
                    boundWait(lockConnection, maxWait);
                }
                if (!lockOrTimeOut(lockConnection, scope, id, wait)) {
                    return Optional.empty();
                }
                return Optional.of(work.get());
            } finally {
                lockConnection.rollback(); // ends the transaction, and the lock with it
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("advisory lock " + scope + " " + id + ": " + e.getMessage(), e);
        }
    }

    /** The lock wait of this transaction only ({@code is_local}): the connection goes back to the pool unchanged. */
    private static void boundWait(Connection c, Duration maxWait) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            s.setString(1, Math.max(1, maxWait.toMillis()) + "ms");
            s.execute();
        }
    }

    private static boolean lockOrTimeOut(Connection c, Scope scope, long id, boolean wait) throws SQLException {
        try {
            return lock(c, scope, id, wait);
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean lock(Connection c, Scope scope, long id, boolean wait) throws SQLException {
        String sql = wait ? "SELECT pg_advisory_xact_lock(?, ?)" : "SELECT pg_try_advisory_xact_lock(?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, scope.key);
            s.setInt(2, key(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return wait || rs.getBoolean(1);
            }
        }
    }

    /** Ids beyond 32 bits fold onto others: two things then share a lock, which costs parallelism, never exclusion. */
    static int key(long id) {
        return (int) (id ^ (id >>> 32));
    }
}
