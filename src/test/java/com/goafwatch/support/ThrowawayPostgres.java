package com.goafwatch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL cluster of its own (Debian's binaries, a temporary data folder, a free port) that a test
 * may stop and start again, to see the service through a database outage. As root it runs as the
 * {@code postgres} user, as PostgreSQL requires.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;

    public ThrowawayPostgres() throws Exception {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.max(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString()))).orElseThrow().resolve("bin");
        }
        dir = Files.createTempDirectory("goafwatch-pg-");
        port = Ports.free();
        if (isRoot()) {
            run("chown", "-R", "postgres:postgres", dir.toString());
        }
        runAsOwner(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust");
        start();
        runAsOwner(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-c",
                "CREATE DATABASE app");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/app";
    }

    public void start() throws Exception {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "300",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    }

    public void stop() throws Exception {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "300", "stop");
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            run("rm", "-rf", dir.toString());
        }
    }

    private void runAsOwner(String... command) throws Exception {
        List<String> c = new ArrayList<>();
        if (isRoot()) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
