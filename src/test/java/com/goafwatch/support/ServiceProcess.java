package com.goafwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.goafwatch.GoafWatchApplication;

/**
 * The service as a process of its own (a child JVM), so that a test can kill it with SIGKILL: no shutdown
 * hook runs, no transaction is rolled back by the client, open sockets just vanish. It keeps its port and
 * its spool folder across {@link #kill()} and {@link #start()}, as a container restarted on its volume does.
 * The JDBC application name is the instance's name, so {@code pg_stat_activity} tells which instance a
 * PostgreSQL session (and the advisory locks it holds) belongs to.
 */
public final class ServiceProcess {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(300);

    private final String name;
    private final int port;
    private final Path spool;
    private final Path log;
    private final List<String> arguments;
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param jdbcUrl   the database (without parameters); the instance's name is added as ApplicationName
     * @param arguments further {@code --key=value} settings (the test admin's password etc. are added)
     */
    public ServiceProcess(String name, String jdbcUrl, Path logDir, String... arguments) throws IOException {
        this.name = name;
        this.port = Ports.free();
        this.spool = Files.createTempDirectory("goafwatch-" + name + "-spool-");
        this.log = logDir.resolve(name + ".log");
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--goafwatch.spool.dir=" + spool,
                "--spring.datasource.url=" + jdbcUrl + "?ApplicationName=" + name, "--spring.datasource.username=" + TestPostgres.user()));
        args.addAll(List.of(arguments));
        this.arguments = List.of(TestUsers.withContextArguments(args.toArray(String[]::new)));
        Files.createDirectories(logDir);
    }

    /** Starts the JVM (again, on the same port and spool); {@link #awaitReady()} waits for it. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                GoafWatchApplication.class.getName()));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Polls readiness (HTTP 200) until the deadline; fails at once if the process has died. */
    public void awaitReady() {
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        while (!ready()) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + READY_DEADLINE + "; see " + log);
            }
            Poll.pause(200);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Readiness answered 200 (PostgreSQL reachable, started). */
    public boolean ready() {
        try {
            HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The instance itself, as the test admin (not through the balancer). */
    public HttpApi api() {
        return new HttpApi(port);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The instance's spool folder, kept across restarts. */
    public Path spool() {
        return spool;
    }

    public Path log() {
        return log;
    }
}
