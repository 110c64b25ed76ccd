package com.goafwatch.support;

import java.util.UUID;

/** Credentials of the test JVM: the bootstrap admin's password is random per run, never a default. */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-" + UUID.randomUUID();

    private TestUsers() {
    }

    /** The given arguments plus what every separately started application context of the tests needs (unless given). */
    public static String[] withContextArguments(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        addUnlessGiven(all, "--goafwatch.security.bootstrap-admin-password=", ADMIN_PASSWORD);
        addUnlessGiven(all, "--goafwatch.limits.requests-per-minute=", "0");
        // every test client shares 127.0.0.1: tests that check the throttle set their own address limits
        addUnlessGiven(all, "--goafwatch.security.login-throttle.per-address-per-minute=", "0");
        addUnlessGiven(all, "--goafwatch.security.login-throttle.per-address-per-hour=", "0");
        addUnlessGiven(all, "--goafwatch.notify.allowed-hosts=", "127.0.0.1"); // the tests' receivers and Mosquitto
        return all.toArray(String[]::new);
    }

    private static void addUnlessGiven(java.util.List<String> args, String key, String value) {
        if (args.stream().noneMatch(a -> a.startsWith(key))) {
            args.add(key + value);
        }
    }
}
