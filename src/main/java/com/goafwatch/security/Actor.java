package com.goafwatch.security;

import java.util.function.Supplier;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The name recorded as the author of a change: the authenticated caller, or a named system task
 * ({@code system:sample-site}) for work the service does on its own.
 */
public final class Actor {

    private static final ThreadLocal<String> SYSTEM = new ThreadLocal<>();

    private Actor() {
    }

    public static String current() {
        String system = SYSTEM.get();
        if (system != null) {
            return system;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return "anonymous";
        }
        return auth.getPrincipal() instanceof LocalUser u ? u.principal().name()
                : auth.getPrincipal() instanceof GoafPrincipal p ? p.name() : auth.getName();
    }

    /** Runs work on behalf of a system task, which the audit trail names. */
    public static <T> T runAs(String systemTask, Supplier<T> work) {
        String previous = SYSTEM.get();
        SYSTEM.set("system:" + systemTask);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                SYSTEM.remove();
            } else {
                SYSTEM.set(previous);
            }
        }
    }
}
