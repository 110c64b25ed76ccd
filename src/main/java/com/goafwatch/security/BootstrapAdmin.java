package com.goafwatch.security;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.goafwatch.system.ClusterLock;

/**
 * First run: when no user exists, creates the admin user {@code admin}, with the password from
 * {@code goafwatch.security.bootstrap-admin-password} or else a random one printed once in the log. There
 * is no default password. Instances started together on an empty database take turns under one advisory
 * lock ({@link ClusterLock}), and each looks for users only once it holds it, so exactly one admin is made.
 */
@Component
class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserService users;
    private final SecurityProperties properties;
    private final ClusterLock lock;

    BootstrapAdmin(UserService users, SecurityProperties properties, ClusterLock lock) {
        this.users = users;
        this.properties = properties;
        this.lock = lock;
    }

    @Order(-10)
    @EventListener(ApplicationReadyEvent.class)
    void createFirstAdmin() {
        if (!users.noUsers()) {
            return; // the usual start: no lock needed
        }
        lock.runWhenFree(ClusterLock.Scope.ADMIN_BOOTSTRAP, 0, () -> {
            if (users.noUsers()) {
                create();
            }
            return true;
        });
    }

    private void create() {
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
