package com.goafwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local TCP ports for servers the tests start.
 *
 * <p>Ports come from below Linux's ephemeral range (32768–60999): a port the kernel handed out with
 * {@code new ServerSocket(0)} is free only until some outgoing connection of the busy test JVM takes it
 * as its local port, and then the server started on it dies with "address already in use" (an
 * influxd in CI did). A random start keeps two test runs on one machine apart; the probe bind skips
 * ports something already holds.
 */
public final class Ports {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    private Ports() {
    }

    public static int free() {
        int span = HIGHEST - LOWEST;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (bindable(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + HIGHEST));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
