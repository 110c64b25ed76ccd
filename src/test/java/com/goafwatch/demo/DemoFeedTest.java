package com.goafwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * The demo as README command 1 runs it (profile demo): a fresh database gets the sample site, and the
 * feed sends simulated traces and levelling through the public API into the real InfluxDB.
 */
class DemoFeedTest {

    @TempDir
    Path spool;
    @Test
    void demoProfileLoadsTheSiteAndFeedsDataThroughTheApi() throws Exception {
        String database = TestPostgres.createDatabase("demo");
        String influxDb = "demo_" + ProcessHandle.current().pid();
        try (RunningService app = RunningService.start("--spring.profiles.active=demo", "--spring.datasource.url=" + TestPostgres.jdbcUrl(database),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=" + influxDb, "--goafwatch.spool.dir=" + spool, "--goafwatch.demo-feed.backfill=3h",
                "--goafwatch.demo-feed.speed-up=100000", "--goafwatch.demo-feed.live-interval=1h", "--goafwatch.demo-feed.spacing=5")) {
            JdbcClient jdbc = JdbcClient.create(app.context().getBean(javax.sql.DataSource.class));
            List<Long> cableIds = jdbc.sql("SELECT id FROM cable ORDER BY id").query(Long.class).list();
            assertThat(cableIds).hasSize(8);

            String anyCable = "cable =~ /^(" + String.join("|", cableIds.stream().map(String::valueOf).toList()) + ")$/";
            long deadline = System.currentTimeMillis() + 60_000;
            long samples = 0;
            long settlement = 0;
            while (System.currentTimeMillis() < deadline && (samples < 5 * 2000 || settlement < 24)) {
                Thread.sleep(500);
                samples = count(influxDb, "strain_ue", "fiber_strain", anyCable);
                settlement = count(influxDb, "settlement_mm", "settlement", "");
            }
            assertThat(samples).as("fiber samples from the feed").isGreaterThanOrEqualTo(5 * 2000);
            assertThat(settlement).as("one levelling of the 24 markers").isGreaterThanOrEqualTo(24);
            long inParcels = count(influxDb, "strain_ue", "fiber_strain", anyCable + " AND parcel !~ /^(none|unmapped)$/");
            assertThat(inParcels).as("most samples lie in parcels").isGreaterThan(samples / 2);
            long unmapped = count(influxDb, "strain_ue", "fiber_strain", anyCable + " AND parcel = 'unmapped'");
            assertThat(unmapped).as("lead-in cable is kept but unmapped").isPositive();
        }
    }

    private static long count(String database, String field, String measurement, String where) {
        return TestInflux.get().count(database, field, measurement, where);
    }
}
