package com.goafwatch.security;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The admin command behind scripts/create-user.sh: {@code --create-user=NAME --role=ROLE
 * [--projects=CODE,CODE|*] [--reset-password]}. Creates the user (or resets the password), prints the
 * generated password once, and exits.
 */
@Component
class CreateUserCommand implements ApplicationRunner {

    private final UserService users;
    private final JdbcClient jdbc;
    private final ApplicationContext context;

    CreateUserCommand(UserService users, JdbcClient jdbc, ApplicationContext context) {
        this.users = users;
        this.jdbc = jdbc;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("create-user")) {
            return;
        }
        int code = execute(args, System.out, System.err);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** @return the exit status: 0 when the user was created (or its password reset) */
    int execute(ApplicationArguments args, java.io.PrintStream out, java.io.PrintStream err) {
        String name = args.getOptionValues("create-user").get(0);
        try {
            UserService.Credentials c = Actor.runAs("create-user-command", () -> {
                if (args.containsOption("reset-password")) {
                    return users.resetPassword(name, null);
                }
                Role role = Role.parse(args.containsOption("role") ? args.getOptionValues("role").get(0) : "viewer")
                        .orElseThrow(() -> new IllegalArgumentException("--role must be viewer, engineer or admin"));
                String projects = args.containsOption("projects") ? args.getOptionValues("projects").get(0) : "";
                Set<Long> ids = new HashSet<>();
                for (String code : projects.split(",")) {
                    if (!code.isBlank() && !code.equals("*")) {
                        ids.add(jdbc.sql("SELECT id FROM project WHERE code = ?").param(code.trim()).query(Long.class).optional()
                                .orElseThrow(() -> new IllegalArgumentException("no project with code " + code)));
                    }
                }
                return users.create(name, role, projects.trim().equals("*"), ids, null);
            });
            out.println("user " + c.user().username() + " (" + c.user().role().dbValue() + "), password: " + c.password());
            return 0;
        } catch (RuntimeException e) {
            err.println("create-user failed: " + e.getMessage());
            return 1;
        }
    }
}
