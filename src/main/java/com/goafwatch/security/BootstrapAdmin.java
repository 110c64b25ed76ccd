package com.goafwatch.security;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First run: when no user exists, creates the admin user {@code admin}, with the password from
 * {@code goafwatch.security.bootstrap-admin-password} or else a random one printed once in the log. There
 * is no default password.
 */
@Component
class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserService users;
    private final SecurityProperties properties;

    BootstrapAdmin(UserService users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Order(-10)
    @EventListener(ApplicationReadyEvent.class)
    void createFirstAdmin() {
        if (!users.noUsers()) {
            return;
        }
        String configured = properties.bootstrapAdminPassword();
        UserService.Credentials created = Actor.runAs("bootstrap", () -> users.create("admin", Role.ADMIN, true, Set.of(),
                configured == null || configured.isBlank() ? null : configured));
        if (created.password() != null) {
            log.warn("""

                    ==========================================================================
                     First run: created the admin user 'admin' with the password
                         {}
                     It is shown only this once. Log in at /login or use HTTP Basic;
                     create more users with scripts/create-user.sh or POST /api/v1/admin/users.
                    ==========================================================================""", created.password());
        } else {
            log.info("first run: created the admin user 'admin' with the configured bootstrap password");
        }
    }
}
