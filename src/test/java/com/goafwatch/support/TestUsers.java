package com.goafwatch.support;

import java.util.UUID;

/** Credentials of the test JVM: the bootstrap admin's password is random per run, never a default. */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-" + UUID.randomUUID();

    private TestUsers() {
    }

    /** The given arguments plus what every separately started application context of the tests needs. */
    public static String[] withContextArguments(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--goafwatch.security.bootstrap-admin-password=" + ADMIN_PASSWORD;
        all[args.length + 1] = "--goafwatch.limits.requests-per-minute=0";
        return all;
    }
}
