package com.goafwatch.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throwaway databases on the real PostgreSQL that scripts/test.sh found or started
 * (GOAFWATCH_TEST_PG_HOST/PORT/USER; default 127.0.0.1:5432 as postgres). Each database is dropped when
 * the test JVM exits.
 */
public final class TestPostgres {

    private static final String HOST = env("GOAFWATCH_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("GOAFWATCH_TEST_PG_PORT", "5432");
    private static final String USER = env("GOAFWATCH_TEST_PG_USER", "postgres");
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static volatile String shared;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropAll, "drop-test-databases"));
    }

    private TestPostgres() {
    }

    /** The database shared by the Spring test context (created on first use). */
    public static synchronized String sharedJdbcUrl() {
        if (shared == null) {
            shared = createDatabase("app");
        }
        return jdbcUrl(shared);
    }

    /** A new empty database (no extensions, no schema). */
    public static String createDatabase(String purpose) {
        String name = "goafwatch_test_" + purpose + "_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        execute("CREATE DATABASE " + name);
        CREATED.add(name);
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static String user() {
        return USER;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    private static void execute(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " refused: " + sql
                    + " (run the tests through scripts/test.sh, which starts PostgreSQL)", e);
        }
    }

    /**
     * Drops this JVM's databases at exit, several at once: one after another, some 40 PostGIS databases took over
     * surefire's 30 s exit allowance on a busy machine (the fork was killed and reported as an error). Best effort.
     */
    private static void dropAll() {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (String name : CREATED) {
            pool.execute(() -> {
                try {
                    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (RuntimeException ignored) {
                    // best effort at JVM exit
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(25, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
