package com.goafwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A real InfluxDB 1.x server (Debian's {@code influxd}) for the tests: free ports, a temporary data
 * directory, stopped and deleted when the JVM exits. {@link #stop()} and {@link #start()} let outage
 * tests take it down and bring it back with its data.
 */
public final class TestInflux {

    private static TestInflux instance;

    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private int httpPort;
    private boolean everListened;
    private Process process;

    private TestInflux() throws IOException {
        dir = Files.createTempDirectory("goafwatch-influx-");
        choosePorts();
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroy, "stop-test-influxd"));
    }

    private void choosePorts() throws IOException {
        httpPort = Ports.free();
        int rpcPort = Ports.free();
        while (rpcPort == httpPort) {
            rpcPort = Ports.free();
        }
        Files.writeString(dir.resolve("influxdb.conf"), """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                """.formatted(rpcPort, dir, dir, dir, httpPort));
    }

    public static synchronized TestInflux get() {
        if (instance == null) {
            try {
                instance = new TestInflux();
                instance.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare influxd", e);
            }
        }
        return instance;
    }

    /** A second, independent server (for outage tests that must not disturb the shared one); call {@link #stop()}. */
    public static TestInflux startNew() {
        try {
            TestInflux server = new TestInflux();
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare influxd", e);
        }
    }

    /** Runs an InfluxQL query against this server and returns the JSON body. */
    public String query(String database, String influxQl) {
        try {
            String form = "epoch=ms&db=" + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                    + "&q=" + java.net.URLEncoder.encode(influxQl, java.nio.charset.StandardCharsets.UTF_8);
            // POST, so that statements which change the server (CREATE DATABASE) are accepted too
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/query"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** count(field) of a measurement under a WHERE clause (0 when nothing matches). */
    public long count(String field, String measurement, String where) {
        return count("goafwatch", field, measurement, where);
    }

    /** count(field) in another database of this server. */
    public long count(String database, String field, String measurement, String where) {
        String body = query(database, "SELECT count(" + field + ") FROM " + measurement + (where.isEmpty() ? "" : " WHERE " + where));
        if (!body.contains("\"series\"")) {
            return 0;
        }
        java.util.List<Object> values = com.jayway.jsonpath.JsonPath.read(body, "$.results[0].series[*].values[0][1]");
        return values.isEmpty() ? 0 : ((Number) values.get(0)).longValue();
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * Starts influxd and waits until it answers. If it exits first (a port taken between choosing and
     * binding it), a server that never listened gets new ports and another try; one that did (an
     * outage test bringing it back) must keep its address, so it is tried again on the same ports.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String lastExit = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            if (attempt > 1 && !everListened) {
                try {
                    choosePorts();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot prepare influxd", e);
                }
            }
            try {
                process = new ProcessBuilder("influxd", "-config", dir.resolve("influxdb.conf").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start influxd (is the Debian 'influxdb' package installed?)", e);
            }
            if (awaitListening()) {
                everListened = true;
                return;
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("influxd did not answer /ping within 120 s; see " + dir.resolve("influxd.log"));
            }
            lastExit = "exit " + process.exitValue() + ": " + lastLogLine();
            sleep(200);
        }
        throw new IllegalStateException("influxd exited " + START_ATTEMPTS + " times before listening, last " + lastExit);
    }

    /** True once our own process answers /ping (not some other server on the port); false if it exited. */
    private boolean awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (ping() && process.isAlive() && logSays("msg=\"Listening on HTTP\"")) {
                return true;
            }
            sleep(100);
        }
        return false;
    }

    private boolean logSays(String text) {
        try {
            return Files.readString(dir.resolve("influxd.log")).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("influxd.log"));
            return lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean ping() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void destroy() {
        stop();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
