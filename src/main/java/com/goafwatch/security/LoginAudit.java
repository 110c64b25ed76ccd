package com.goafwatch.security;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed and throttled sign-ins in the audit trail ({@code entity_type = 'login'}, no project: admins read them with
 * {@code GET /api/v1/audit?entityType=login}). The attempted user name is recorded as given, the secret never.
 */
@Component
class LoginAudit {

    private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);

    private final JdbcClient jdbc;

    LoginAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void failed(String username, String address) {
        write("LOGIN_FAILED", username, address, null);
    }

    void throttled(String username, String address, Duration wait) {
        log.warn("sign-in throttled for user '{}' from {} for {} s", username, address, wait.toSeconds());
        write("LOGIN_THROTTLED", username, address, Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0)));
    }

    private void write(String action, String username, String address, Long retryAfterSeconds) {
        String user = username == null ? null : username.substring(0, Math.min(username.length(), 200));
        try {
            jdbc.sql("INSERT INTO audit_event (actor, action, entity_type, after) VALUES (?, ?, 'login', "
                    + "jsonb_strip_nulls(jsonb_build_object('user', ?::text, 'address', ?::text, 'retryAfterSeconds', ?::bigint)))")
                    .params("anonymous@" + (address == null ? "unknown" : address), action, user, address, retryAfterSeconds).update();
        } catch (DataAccessException e) {
            log.warn("could not audit {} of '{}' from {}: {}", action, user, address, e.getMessage()); // the database is away
        }
    }
}
