package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.BrowserSession;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestDirs;

/**
 * Form-login sessions live in PostgreSQL (Spring Session JDBC): a browser signed in on instance A (the shared
 * test context) is signed in on instance B (a second context on the same database) with the same cookie,
 * as behind a load balancer without sticky sessions; disabling the user, logging them out everywhere, or
 * signing out on one instance ends the session on both.
 */
class SessionsAcrossInstancesTest extends IntegrationTest {

    private long project;
    private String name;
    private final String password = "cluster-session-password";

    @BeforeEach
    void user() {
        project = fixtures().project(Fixtures.uniqueCode("SESS2"));
        name = Fixtures.uniqueCode("clu").toLowerCase();
        assertThat(api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d], "password": "%s"}""".formatted(name, project, password))
                .status()).isEqualTo(201);
    }

    @Test
    void aLoginOnOneInstanceIsValidOnTheOtherUntilEndedOnEither() {
        try (RunningService b = RunningService.start(RunningService.sharedServers("--goafwatch.spool.dir=" + TestDirs.fresh("sess-b-spool")))) {
            int portB = b.api().port();
            String projectPath = "/api/v1/projects/" + project;

            BrowserSession onA = new BrowserSession(port);
            assertThat(onA.signIn(name, password)).isTrue();
            BrowserSession onB = onA.at(portB);
            assertThat(onA.get(projectPath).statusCode()).isEqualTo(200);
            assertThat(onB.get(projectPath).statusCode()).as("A's session on B").isEqualTo(200);
            assertThat(new BrowserSession(portB).get(projectPath).statusCode()).as("no cookie, no access").isEqualTo(401);

            // signing out on B ends the session on A too
            assertThat(onB.signOut().statusCode()).isEqualTo(204);
            assertThat(onA.get(projectPath).statusCode()).isEqualTo(401);
            assertThat(onB.get(projectPath).statusCode()).isEqualTo(401);

            // logged out everywhere through A's admin API: B's session of the same user ends
            BrowserSession second = new BrowserSession(portB);
            assertThat(second.signIn(name, password)).isTrue();
            assertThat(second.at(port).get(projectPath).statusCode()).isEqualTo(200);
            assertThat(api().postJson("/api/v1/admin/users/" + name + "/logout", "").status()).isEqualTo(204);
            assertThat(second.get(projectPath).statusCode()).isEqualTo(401);
            assertThat(second.at(port).get(projectPath).statusCode()).isEqualTo(401);

            // disabled through A: a session made on B ends on both
            BrowserSession third = new BrowserSession(portB);
            assertThat(third.signIn(name, password)).isTrue();
            assertThat(third.at(port).get(projectPath).statusCode()).isEqualTo(200);
            var disable = api().putJson("/api/v1/admin/users/" + name, "{\"role\": \"engineer\", \"projectIds\": [%d], \"disabled\": true}"
                    .formatted(project));
            assertThat(disable.status()).as(disable.toString()).isEqualTo(200);
            assertThat(third.at(port).get(projectPath).statusCode()).isEqualTo(401);
            assertThat(third.get(projectPath).statusCode()).isEqualTo(401);
        }
    }
}
