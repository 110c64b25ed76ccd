package com.goafwatch.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * Two instances started at the same moment on an empty database, both told to load the sample site: both
 * start (neither fails on the other's admin or project), and the database has one admin and one sample project
 * with its parcels once.
 */
class ConcurrentStartTest {

    @Test
    void twoInstancesStartingTogetherBothComeUpWithOneAdminAndOneSampleSite() throws Exception {
        String database = TestPostgres.createDatabase("start");
        ExecutorService starts = Executors.newFixedThreadPool(2);
        List<RunningService> running = new ArrayList<>();
        try {
            CountDownLatch together = new CountDownLatch(1);
            List<Future<RunningService>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String spool = Files.createTempDirectory("goafwatch-start-spool").toString();
                started.add(starts.submit(() -> {
                    together.await();
                    return RunningService.start("--spring.datasource.url=" + TestPostgres.jdbcUrl(database),
                            "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + TestInflux.get().url(),
                            "--goafwatch.spool.dir=" + spool, "--goafwatch.sample-site.load-on-startup=true");
                }));
            }
            together.countDown();
            for (Future<RunningService> f : started) {
                running.add(f.get(10, TimeUnit.MINUTES)); // a start failing on a duplicate admin or project throws here
            }
            JdbcClient jdbc = running.get(0).context().getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT username FROM app_user").query(String.class).list()).containsExactly("admin");
            assertThat(jdbc.sql("SELECT code FROM project").query(String.class).list()).containsExactly("RENCHENG-DEMO");
            long parcels = jdbc.sql("SELECT count(*) FROM parcel").query(Long.class).single();
            long codes = jdbc.sql("SELECT count(DISTINCT code) FROM parcel").query(Long.class).single();
            assertThat(parcels).as("each parcel once").isPositive().isEqualTo(codes);
            assertThat(running.get(1).api().get("/api/v1/projects").body()).isEqualTo(running.get(0).api().get("/api/v1/projects").body());
        } finally {
            running.forEach(RunningService::close);
            starts.shutdownNow();
        }
    }
}
