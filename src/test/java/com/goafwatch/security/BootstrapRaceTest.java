package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import com.goafwatch.support.TestPostgres;
import com.goafwatch.system.ClusterLock;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Instances started together on an empty database: each runs its first-admin bootstrap at the same
 * moment, on its own pool, and exactly one admin comes out, with no start failing on a duplicate.
 */
class BootstrapRaceTest {

    @Test
    void instancesStartingTogetherOnAnEmptyDatabaseMakeOneAdmin() throws Exception {
        String database = TestPostgres.createDatabase("bootstrap");
        Flyway.configure().dataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), "").locations("classpath:db/migration").load()
                .migrate();
        List<HikariDataSource> pools = List.of(pool(database), pool(database), pool(database));
        ExecutorService starts = Executors.newFixedThreadPool(pools.size());
        try {
            JdbcClient jdbc = JdbcClient.create(pools.get(0));
            for (int round = 0; round < 5; round++) {
                jdbc.sql("DELETE FROM app_user").update(); // an empty database again
                CountDownLatch together = new CountDownLatch(1);
                List<Future<?>> started = new ArrayList<>();
                for (HikariDataSource pool : pools) {
                    BootstrapAdmin instance = instance(pool);
                    started.add(starts.submit(() -> {
                        together.await();
                        instance.createFirstAdmin();
                        return null;
                    }));
                }
                together.countDown();
                for (Future<?> f : started) {
                    f.get(2, TimeUnit.MINUTES); // a duplicate admin would fail a start here
                }
                assertThat(jdbc.sql("SELECT username FROM app_user").query(String.class).list()).as("round %d", round)
                        .containsExactly("admin");
            }
        } finally {
            starts.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }
    }

    private static BootstrapAdmin instance(HikariDataSource pool) {
        UserService users = new UserService(new UserStore(JdbcClient.create(pool)), PasswordEncoderFactories.createDelegatingPasswordEncoder());
        SecurityProperties properties = new SecurityProperties("local", null, java.time.Duration.ofDays(365), null,
                java.time.Duration.ofSeconds(60));
        return new BootstrapAdmin(users, properties, new ClusterLock(pool));
    }

    private static HikariDataSource pool(String database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(TestPostgres.jdbcUrl(database));
        pool.setUsername(TestPostgres.user());
        pool.setMaximumPoolSize(3);
        return pool;
    }
}
