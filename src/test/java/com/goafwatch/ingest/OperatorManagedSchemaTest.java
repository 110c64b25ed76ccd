package com.goafwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * {@code goafwatch.influx.manage-schema=false}, as for InfluxDB 2.x/3.x: the service issues no InfluxQL DDL
 * and writes into the database the operator created (here created by hand, as a DBRP mapping would be).
 */
class OperatorManagedSchemaTest {

    @TempDir
    Path spool;
    @Test
    void writesIntoTheOperatorsDatabaseWithoutCreatingAnything() throws Exception {
        String database = "operator_" + ProcessHandle.current().pid();
        TestInflux.get().query("", "CREATE DATABASE " + database);
        try (RunningService app = RunningService.start(RunningService.sharedServers("--goafwatch.influx.database=" + database,
                "--goafwatch.influx.manage-schema=false", "--goafwatch.spool.dir=" + spool))) {
            HttpApi api = app.api();
            assertThat((String) api.get("/actuator/health").json("$.components.influx.status")).isEqualTo("UP");
            Fixtures fixtures = new Fixtures(api);
            long projectId = fixtures.project(Fixtures.uniqueCode("OPS"));
            long cableId = fixtures.trenchCable(projectId, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 100, Fixtures.N0, 200);
            Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
            var r = api.postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=T-1", "text/csv",
                    ("timestamp,distance_m,strain_ue,temperature_c\n" + t + ",1,10,15\n" + t + ",2,11,15\n").getBytes());
            assertThat(r.status()).isEqualTo(202);
            long deadline = System.currentTimeMillis() + 120_000;
            while (((Integer) api.get("/api/v1/ingest/status").json("$.pendingBatches")) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(TestInflux.get().count(database, "strain_ue", "fiber_strain", "cable = '" + cableId + "'")).isEqualTo(2);
            // no retention policy of ours was created: only the database's default "autogen"
            assertThat(TestInflux.get().query(database, "SHOW RETENTION POLICIES ON " + database)).doesNotContain("\"raw\"");
        }
    }
}
