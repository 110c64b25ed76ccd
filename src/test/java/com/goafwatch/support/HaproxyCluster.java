package com.goafwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two service processes ({@code app-a}, {@code app-b}, each a {@link ServiceProcess} with its own port and spool)
 * on one database and one InfluxDB, behind Debian's HAProxy running the committed
 * {@code deploy/haproxy/haproxy.cfg} with only what must differ here substituted: the bind addresses, the
 * servers' addresses (no Docker DNS), faster health checks, and an admin socket through which the test reads
 * the servers' states. The certificate is a {@link ThrowawayTls} one, given through the config's own
 * {@code GOAFWATCH_TLS_CERT} variable, as is the public HTTPS port ({@code GOAFWATCH_HTTPS_PORT}) that plain HTTP
 * is redirected to. HAProxy runs in the foreground as a child process and is stopped by {@link #close()}; a second
 * HAProxy on the same config and the same replicas can be started ({@link #startSecondBalancer()}).
 */
public final class HaproxyCluster implements AutoCloseable {

    public static final String HAPROXY = "/usr/sbin/haproxy";
    public static final Path COMMITTED_CONFIG = Path.of("deploy", "haproxy", "haproxy.cfg");
    /** The response header naming the server that answered (set by the committed config). */
    public static final String REPLICA_HEADER = "X-Goafwatch-Replica";
    private static final Duration DEADLINE = Duration.ofSeconds(300);

    private final String database;
    private final Path dir;
    private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
    private volatile ThrowawayTls tls;
    private int renewals;
    private final List<Balancer> balancers = new ArrayList<>();
    private Connection monitor;

    /** One HAProxy process: its plain and TLS ports on 127.0.0.1 and its admin socket. */
    public record Balancer(String name, int httpPort, int httpsPort, Path adminSocket, Process process) {

        /** Where clients go: https://127.0.0.1:port */
        public String baseUrl() {
            return "https://127.0.0.1:" + httpsPort;
        }
    }

    /**
     * Starts both instances (together, as containers would start) and HAProxy, and returns once HAProxy sees
     * both servers up.
     *
     * @param database  a database of {@link TestPostgres} the instances share (Flyway migrates it)
     * @param arguments settings of both instances (InfluxDB, evaluation interval, …)
     */
    public static HaproxyCluster start(String database, String... arguments) {
        try {
            HaproxyCluster cluster = new HaproxyCluster(database);
            // a test JVM that ends without close() must not leave service JVMs and HAProxy behind
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-ha-cluster"));
            for (String name : List.of("app-a", "app-b")) {
                cluster.instances.put(name, new ServiceProcess(name, TestPostgres.jdbcUrl(database), cluster.dir, arguments));
            }
            cluster.instances.values().forEach(ServiceProcess::start);
            cluster.startHaproxy("haproxy");
            cluster.instances.values().forEach(ServiceProcess::awaitReady);
            cluster.instances.keySet().forEach(cluster::awaitUp);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HaproxyCluster(String database) throws IOException {
        this.database = database;
        this.dir = Files.createDirectories(Path.of("target", "ha-cluster", database)).toAbsolutePath();
        this.tls = ThrowawayTls.create(dir.resolve("tls"));
    }

    /**
     * A second HAProxy on the same committed config, the same certificate and the same two replicas, on ports of its
     * own, as a second node behind keepalived or a cloud load balancer would run; returns once it sees both replicas up.
     */
    public synchronized Balancer startSecondBalancer() {
        try {
            Balancer second = startHaproxy("haproxy-2");
            instances.keySet().forEach(server -> awaitUp(second, server));
            return second;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A further HAProxy on the committed config and the same replicas in master-worker mode ({@code -W -db}, as the
     * official image runs it), so that {@link #reload(Balancer)} can reload it; returns once it sees both replicas up.
     */
    public synchronized Balancer startMasterWorkerBalancer() {
        try {
            Balancer mw = startHaproxy("haproxy-mw", "-W");
            instances.keySet().forEach(server -> awaitUp(mw, server));
            return mw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reloads a master-worker HAProxy as README "Behind HAProxy" says ({@code kill -USR2} to the master, what
     * {@code docker compose kill -s USR2 haproxy} sends) and returns once a new worker answers on the admin socket and
     * sees both replicas up. The old worker finishes its connections and exits by itself.
     */
    public void reload(Balancer masterWorker) {
        String before = workerPid(masterWorker);
        signal(masterWorker.process().pid(), "USR2");
        Poll.until("a new worker of " + masterWorker.name() + " after USR2", DEADLINE, 50, () -> {
            String now = workerPid(masterWorker);
            return now != null && !now.equals(before);
        });
        instances.keySet().forEach(server -> awaitUp(masterWorker, server));
    }

    /** The process id of the worker answering on the balancer's admin socket ({@code show info}), or null. */
    public static String workerPid(Balancer balancer) {
        return admin(balancer, "show info").lines().filter(l -> l.startsWith("Pid: ")).map(l -> l.substring(5).trim())
                .findFirst().orElse(null);
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
            if (waitFor(kill) != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + ": " + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Balancer startHaproxy(String name, String... mode) throws IOException {
        Balancer planned = new Balancer(name, Ports.free(), Ports.free(), dir.resolve(name + ".sock"), null);
        Path config = dir.resolve(name + ".cfg");
        Files.writeString(config, forThisHost(Files.readString(COMMITTED_CONFIG), planned));
        Process check = haproxy(planned, "-c", "-f", config.toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(check) != 0) {
            throw new IllegalStateException("haproxy -c refused " + config + ":\n" + checked);
        }
        // -db: stay in the foreground, so the process is ours to stop
        List<String> arguments = new ArrayList<>(List.of(mode));
        arguments.addAll(List.of("-db", "-f", config.toString()));
        Process process = haproxy(planned, arguments.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
        Balancer started = new Balancer(name, planned.httpPort(), planned.httpsPort(), planned.adminSocket(), process);
        balancers.add(started);
        return started;
    }

    /** HAProxy with the certificate and the public HTTPS port in the environment, where the committed config reads them. */
    private ProcessBuilder haproxy(Balancer balancer, String... arguments) {
        List<String> command = new ArrayList<>(List.of(HAPROXY));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GOAFWATCH_TLS_CERT", tls.pem().toString());
        builder.environment().put("GOAFWATCH_HTTPS_PORT", String.valueOf(balancer.httpsPort()));
        return builder;
    }

    /** The committed config with this host's addresses: every substitution must apply, so a changed file fails loudly. */
    String forThisHost(String committed, Balancer balancer) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        instances.forEach((name, p) -> ports.put(name, p.port()));
        return forThisHost(committed, balancer, ports);
    }

    /** {@link #forThisHost(String, Balancer)} with the replicas' ports given (app-a, app-b → a port on 127.0.0.1). */
    public static String forThisHost(String committed, Balancer balancer, Map<String, Integer> servers) {
        String cfg = replaceOnce(committed, "(?m)^(\\s*bind\\s+)\\*:8080\\b", "$1127.0.0.1:" + balancer.httpPort());
        cfg = replaceOnce(cfg, "(?m)^(\\s*bind\\s+)\\*:8443\\b", "$1127.0.0.1:" + balancer.httpsPort());
        for (Map.Entry<String, Integer> e : servers.entrySet()) {
            cfg = replaceOnce(cfg, "(?m)^(\\s*server\\s+" + Pattern.quote(e.getKey() + " ") + ")\\S+", "$1127.0.0.1:" + e.getValue());
        }
        // checks every 200 ms so that a killed instance is marked down within a second (2 s in production)
        cfg = replaceOnce(cfg, "(?m)^(\\s*default-server\\s.*)\\binter \\S+", "$1inter 200ms");
        cfg = replaceOnce(cfg, "(?m)^(\\s*default-server\\s.*)\\brise \\d+", "$1rise 1");
        // no Docker DNS here: the servers are addresses
        cfg = replaceOnce(cfg, "\\s+resolvers docker\\b", "");
        cfg = replaceOnce(cfg, "(?ms)^resolvers docker\\b.*?(?=^\\S|\\z)", "");
        return replaceOnce(cfg, "(?m)^global\\s*$", "global\n    stats socket " + balancer.adminSocket() + " mode 600 level admin");
    }

    private static String replaceOnce(String text, String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("the committed HAProxy config has no match for " + regex);
        }
        return m.replaceFirst(replacement);
    }

    /**
     * Renews the certificate as README "Behind HAProxy" tells an operator to: a new key and certificate written over
     * the PEM file the config names (so a restart keeps it), then handed to every running HAProxy through its runtime
     * API ({@code set ssl cert <file> <<} with the new PEM, then {@code commit ssl cert <file>}); no reload, no
     * restart. Returns the new certificate, which {@link #tls()} gives from now on.
     */
    public synchronized ThrowawayTls renewCertificate() {
        ThrowawayTls fresh = ThrowawayTls.create(dir.resolve("tls-renewed-" + ++renewals)).installedAt(tls.pem());
        String pem;
        try {
            pem = Files.readString(fresh.pem()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = fresh.pem().toString();
        for (Balancer balancer : balancers) {
            // the payload ends at the first empty line: admin() adds the newline that makes it
            String set = admin(balancer, "set ssl cert " + file + " <<\n" + pem + "\n");
            if (!set.contains("Transaction created") && !set.contains("Transaction updated")) {
                throw new IllegalStateException(balancer.name() + " refused set ssl cert: " + set);
            }
            String commit = admin(balancer, "commit ssl cert " + file);
            if (!commit.contains("Success!")) {
                throw new IllegalStateException(balancer.name() + " refused commit ssl cert: " + commit);
            }
        }
        tls = fresh;
        return fresh;
    }

    /** Through HAProxy over HTTPS, as the test admin. */
    public HttpApi api() {
        return new HttpApi(baseUrl(), tls.clientContext());
    }

    /** The first HAProxy (the one every test goes through unless it says otherwise). */
    public Balancer balancer() {
        return balancers.get(0);
    }

    /** https://127.0.0.1:port of the first HAProxy. */
    public String baseUrl() {
        return balancer().baseUrl();
    }

    /** The throwaway certificate HAProxy serves; its {@link ThrowawayTls#clientContext()} trusts it alone. */
    public ThrowawayTls tls() {
        return tls;
    }

    public ServiceProcess instance(String name) {
        ServiceProcess p = instances.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no instance " + name + " in " + instances.keySet());
        }
        return p;
    }

    public List<ServiceProcess> instances() {
        return List.copyOf(instances.values());
    }

    /** The other instance of the pair. */
    public ServiceProcess other(ServiceProcess one) {
        return instances.values().stream().filter(p -> p != one).findFirst().orElseThrow();
    }

    /** Starts an instance again on its port and spool and waits until it is ready and HAProxy routes to it. */
    public void restart(ServiceProcess instance) {
        instance.start();
        instance.awaitReady();
        awaitUp(instance.name());
    }

    public void awaitUp(String server) {
        awaitUp(balancer(), server);
    }

    private void awaitUp(Balancer balancer, String server) {
        Poll.until(balancer.name() + " sees " + server + " UP (" + dir + ")", DEADLINE, 100,
                () -> serverStates(balancer).get(server).startsWith("UP"));
    }

    public void awaitDown(String server) {
        Poll.until("HAProxy sees " + server + " DOWN", DEADLINE, 100, () -> serverStates().get(server).startsWith("DOWN"));
    }

    /** Every server's status as HAProxy's {@code show stat} reports it (UP, DOWN, "UP 1/2", …). */
    public Map<String, String> serverStates() {
        return serverStates(balancer());
    }

    private Map<String, String> serverStates(Balancer balancer) {
        Map<String, String> states = stat(balancer, 17);
        if (!states.keySet().containsAll(instances.keySet())) {
            return instances.keySet().stream().collect(LinkedHashMap::new, (m, k) -> m.put(k, "UNKNOWN"), Map::putAll);
        }
        return states;
    }

    /** Requests each server is working on now, as HAProxy counts them ({@code scur}). */
    public Map<String, Integer> activeRequests() {
        Map<String, Integer> active = new LinkedHashMap<>();
        stat(balancer(), 4).forEach((server, n) -> active.put(server, Integer.parseInt(n)));
        return active;
    }

    /** Idle connections HAProxy keeps to each server now ({@code show servers conn}, column {@code idle_cur}). */
    public Map<String, Integer> idleConnections() {
        String[] lines = admin("show servers conn goafwatch").split("\n");
        List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(" "));
        int index = header.indexOf("idle_cur");
        Map<String, Integer> idle = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length > index && f[0].startsWith("goafwatch/") && instances.containsKey(f[0].substring(10))) {
                idle.put(f[0].substring(10), Integer.parseInt(f[index]));
            }
        }
        return idle;
    }

    /** One column of {@code show stat} for each of our servers. */
    private Map<String, String> stat(Balancer balancer, int column) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : admin(balancer, "show stat").split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 17 && f[0].equals("goafwatch") && instances.containsKey(f[1])) {
                values.put(f[1], f[column]);
            }
        }
        return values;
    }

    /** Runs an admin-socket command on the first HAProxy (e.g. {@code set server goafwatch/app-b state maint}). */
    public String admin(String command) {
        return admin(balancer(), command);
    }

    /** Runs an admin-socket command on the given HAProxy; "" while it does not listen yet. */
    public static String admin(Balancer balancer, String command) {
        Path socket = balancer.adminSocket();
        if (!Files.exists(socket)) {
            return "";
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            StringBuilder out = new StringBuilder();
            while (channel.read(buffer) > 0) {
                buffer.flip();
                out.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return out.toString();
        } catch (IOException e) {
            return ""; // not listening yet
        }
    }

    /**
     * The instance whose PostgreSQL session holds the advisory lock ({@code key}, {@code id}) of
     * {@code system/ClusterLock} (1: a notification channel, 2: a project's evaluation), or null.
     */
    public synchronized ServiceProcess lockHolder(int key, long id) {
        try {
            if (monitor == null) {
                monitor = TestPostgres.connect(database); // one session for fast polls
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement s = monitor.prepareStatement("""
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2""")) {
            s.setLong(1, key);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? instances.get(rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String database() {
        return database;
    }

    @Override
    public synchronized void close() {
        List<RuntimeException> failures = new ArrayList<>();
        try {
            if (monitor != null) {
                monitor.close();
            }
        } catch (SQLException ignored) {
            // the database is dropped at exit anyway
        }
        for (ServiceProcess p : instances.values()) {
            try {
                p.kill();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (Balancer balancer : balancers) {
            balancer.process().destroy();
            try {
                if (!balancer.process().waitFor(30, TimeUnit.SECONDS)) {
                    balancer.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
