package com.goafwatch.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Roles: viewer (read maps, data, reports) &lt; engineer (import parcels and records, edit cables, sensors,
 * rules, acknowledge alerts) &lt; admin (users, tokens, projects, phases, acceptance decisions). Ingest is a
 * machine role beside them: it may only write sensor data (for its project and cables) and read the
 * cable layout it needs.
 */
public enum Role {
    VIEWER, ENGINEER, ADMIN, INGEST;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.dbValue().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Roles a person can hold (ingest is for machine tokens only). */
    public boolean isPersonRole() {
        return this != INGEST;
    }
}
