package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;
import com.goafwatch.support.TestPostgres;

/**
 * {@code POST …/evaluate} waits for a cycle of the project running elsewhere only {@code goafwatch.evaluation.manual-wait}.
 * The "cycle elsewhere" is this test holding the project's advisory lock (keys 2 and the project id, as the README
 * documents them) on a JDBC connection of its own, so the service cannot tell it from another instance.
 */
class EvaluationWaitBoundTest {

    @Test
    void aRequestedCycleGivesUpWith503AfterTheConfiguredWait() throws Exception {
        try (RunningService app = RunningService.start(RunningService.sharedServers("--goafwatch.evaluation.manual-wait=1s",
                "--goafwatch.spool.dir=" + TestDirs.fresh("wait-bound-spool")))) {
            long project = new Fixtures(app.api()).project(Fixtures.uniqueCode("WAIT"));
            try (Connection other = DriverManager.getConnection(TestPostgres.sharedJdbcUrl(), TestPostgres.user(), "")) {
                advisory(other, "SELECT pg_advisory_lock(2, ?)", project);
                var busy = app.api().postJson("/api/v1/projects/" + project + "/evaluate", "");
                assertThat(busy.status()).as(busy.body()).isEqualTo(503);
                assertThat(busy.header("Retry-After")).isEqualTo("1");
                assertThat((String) busy.json("$.type")).endsWith("/evaluation-busy");
                assertThat((String) busy.json("$.detail")).contains("project " + project).contains("goafwatch.evaluation.manual-wait");

                advisory(other, "SELECT pg_advisory_unlock(2, ?)", project);
                var ran = app.api().postJson("/api/v1/projects/" + project + "/evaluate", "");
                assertThat(ran.status()).as("once the lock is free the cycle runs: " + ran.body()).isEqualTo(200);
                assertThat((String) ran.json("$.trigger")).isEqualTo("request");
            }
        }
    }

    private static void advisory(Connection c, String sql, long project) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, Math.toIntExact(project));
            s.execute();
        }
    }
}
