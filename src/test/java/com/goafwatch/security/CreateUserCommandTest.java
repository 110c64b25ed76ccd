package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/** The admin command behind scripts/create-user.sh (minus its System.exit). */
class CreateUserCommandTest extends IntegrationTest {

    @Autowired
    CreateUserCommand command;

    @Test
    void theServiceStartsWithoutAWebServerAsTheScriptRunsIt() {
        // scripts/create-user.sh runs the jar with web-application-type=none: the command must be there without web security
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(com.goafwatch.GoafWatchApplication.class)
                .run(com.goafwatch.support.TestUsers.withContextArguments("--spring.main.web-application-type=none",
                        "--spring.datasource.url=" + com.goafwatch.support.TestPostgres.sharedJdbcUrl(),
                        "--spring.datasource.username=" + com.goafwatch.support.TestPostgres.user(),
                        "--goafwatch.influx.url=" + com.goafwatch.support.TestInflux.get().url(),
                        "--goafwatch.spool.dir=" + com.goafwatch.support.TestDirs.spool() + "-cli"))) {
            assertThat(context.getBean(CreateUserCommand.class)).isNotNull();
            assertThat(context.getBeansOfType(org.springframework.security.web.SecurityFilterChain.class)).isEmpty();
        }
    }

    @Test
    void createsAUserWithGrantsAndAGeneratedPasswordThatWorks() {
        String code = Fixtures.uniqueCode("CLI");
        long project = fixtures().project(code);
        String name = Fixtures.uniqueCode("cli-user");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = command.execute(new DefaultApplicationArguments("--create-user=" + name, "--role=engineer", "--projects=" + code),
                new PrintStream(out), System.err);
        assertThat(status).isZero();
        String printed = out.toString();
        assertThat(printed).contains("user " + name + " (engineer), password: ");
        String password = printed.substring(printed.indexOf("password: ") + 10).trim();
        assertThat(api().as(name, password).get("/api/v1/projects/" + project).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE entity_type = 'app_user' AND after->>'username' = ?").param(name)
                .query(String.class).single()).isEqualTo("system:create-user-command");

        ByteArrayOutputStream reset = new ByteArrayOutputStream();
        assertThat(command.execute(new DefaultApplicationArguments("--create-user=" + name, "--reset-password"), new PrintStream(reset),
                System.err)).isZero();
        String newPassword = reset.toString().substring(reset.toString().indexOf("password: ") + 10).trim();
        assertThat(newPassword).isNotEqualTo(password);
        assertThat(api().as(name, password).get("/api/v1/projects").status()).isEqualTo(401);
        assertThat(api().as(name, newPassword).get("/api/v1/projects").status()).isEqualTo(200);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(command.execute(new DefaultApplicationArguments("--create-user=x-" + name, "--role=engineer", "--projects=NOPE"),
                System.out, new PrintStream(err))).isEqualTo(1);
        assertThat(err.toString()).contains("no project with code NOPE");
    }
}
