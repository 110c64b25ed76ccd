package com.goafwatch.system;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.support.BrowserSession;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.Poll;
import com.goafwatch.support.ServiceProcess;
import com.goafwatch.support.SimulatedGateway;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.goafwatch.support.TestUsers;
import com.jayway.jsonpath.JsonPath;

/**
 * Two service processes behind Debian's HAProxy running the committed {@code deploy/haproxy/haproxy.cfg}
 * ({@link HaproxyCluster}), on a database of their own and an InfluxDB of their own; every request of the
 * tests goes through HAProxy unless it says otherwise. Most tests kill one instance with SIGKILL at a chosen
 * moment (found in PostgreSQL's lock table, the receiver's held request or the replica header), and the
 * killed instance is started again on its port and spool, as a restarted container is. The order saves
 * service starts, the bulk of this class's time: the tests that only need both instances run before those that
 * kill, a restart runs in the background while the killing test still waits for its events, and the last kill
 * is not restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaClusterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(300);
    /** A 20 s window over live traces: a level leaves the window (and clears) 20 s after the data stops showing it. */
    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 20, "unit": "ue",
             "yellow": 400, "red": 800, "noDataAfterSeconds": 86400, "spikeFilter": false}""";
    private static final int EVALUATION_LOCK = 2;
    private static final int CHANNEL_LOCK = 1;

    private static TestInflux influx;
    private static HaproxyCluster cluster;
    private static JdbcClient jdbc;
    private static CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);

    @BeforeAll
    static void startCluster() {
        influx = TestInflux.startNew(); // its own, so that the ingestion test can stop it
        String database = TestPostgres.createDatabase("ha");
        cluster = HaproxyCluster.start(database, "--goafwatch.influx.url=" + influx.url(), "--goafwatch.influx.database=goafwatch",
                "--goafwatch.evaluation.interval=2s", "--goafwatch.evaluation.first-cycle-after=0s",
                "--goafwatch.evaluation.after-ingest-delay=1s", "--goafwatch.notify.poll=500ms", "--goafwatch.notify.first-retry=1s",
                // the receiver holds a request while the test kills its sender: the sender must not give up first
                "--goafwatch.notify.timeout=120s", "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
                "--goafwatch.spool.heartbeat=1s", "--goafwatch.spool.stale-after=3s");
        jdbc = JdbcClient.create(new DriverManagerDataSource(TestPostgres.jdbcUrl(database), TestPostgres.user(), ""));
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (influx != null) {
                influx.stop();
            }
        }
    }

    /** Both instances running and routed to (a killed one is restarted in the background by the test before). */
    @BeforeEach
    void bothInstancesUp() {
        restarting.join();
        for (ServiceProcess p : cluster.instances()) {
            if (!p.alive()) {
                cluster.restart(p);
            }
        }
        cluster.instances().forEach(p -> cluster.awaitUp(p.name()));
    }

    /**
     * A gateway uploads 60 numbered traces (151 samples each) through HAProxy, resending any that got no 2xx,
     * while InfluxDB is stopped, so that accepted batches wait in the spools. Batch 20 stops halfway through its
     * body; the replica receiving it (HAProxy counts the open request) is killed, holding accepted batches in its
     * spool. InfluxDB comes back, the gateway resends batch 20 and goes on through the survivor, and the killed
     * instance is started again on its spool (the documented recovery), which drains it: before, the cluster's ingest
     * status (through HAProxy, so from the survivor) lists the dead volume as stale with its batches and where they
     * wait. Every accepted batch is then in InfluxDB with all its samples, counted there per batch, and the cut
     * request left nothing behind.
     */
    @Test
    @Order(1)
    void noAcceptedBatchIsLostWhenAnInstanceIsKilledMidIngestion() throws Exception {
        HttpApi api = cluster.api();
        EvaluationSite site = new EvaluationSite(api, new Fixtures(api), jdbc, "HAING");
        long cable = new Fixtures(api).trenchCable(site.projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 300);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);
        int batches = 60;
        int samplesPerBatch = 151; // 0..300 m every 2 m
        SimulatedGateway gateway = new SimulatedGateway(cluster.baseUrl(), cluster.tls().clientContext(), "/api/v1/projects/" + site.projectId
                + "/ingest/line-protocol?precision=ns", batches, n -> site.trace(t0.plus(n, ChronoUnit.MINUTES), 100, n), 20);
        influx.stop();
        Thread uploads = new Thread(gateway, "gateway");
        uploads.start();
        try {
            assertThat(gateway.stalled.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("batch 20 under way").isTrue();
            ServiceProcess[] receiving = new ServiceProcess[1];
            Poll.until("HAProxy shows which replica is receiving batch 20", DEADLINE, 20, () -> {
                var active = cluster.activeRequests().entrySet().stream().filter(e -> e.getValue() > 0).toList();
                receiving[0] = active.size() == 1 ? cluster.instance(active.get(0).getKey()) : null;
                return receiving[0] != null;
            });
            ServiceProcess victim = receiving[0];
            long leftInDeadSpool = spooled(victim);
            assertThat(leftInDeadSpool).as("accepted batches wait in %s's spool", victim.name()).isPositive();
            int acceptedAtKill = gateway.acceptedCount();
            assertThat(acceptedAtKill).isEqualTo(20);
            victim.kill();
            gateway.release();
            influx.start();
            uploads.join(DEADLINE.toMillis());
            assertThat(uploads.isAlive()).as("the gateway got every batch accepted through the survivor").isFalse();
            assertThat(gateway.accepted.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, batches).boxed().toList());
            assertThat(gateway.accepted.get(20)).as("the cut batch, resent").isEqualTo(cluster.other(victim).name());
            assertThat(gateway.failedAttempts).as("the cut request got no 2xx").anySatisfy(f -> assertThat(f).startsWith("batch 20:"));

            String row = "$.instances[?(@.spoolDir == '" + victim.spool().toAbsolutePath() + "')]";
            Poll.until("the cluster's ingest status lists " + victim.name() + "'s volume as stale", DEADLINE, 200,
                    () -> api.get("/api/v1/ingest/status").<List<String>>json(row + ".state").contains("stale"));
            var status = api.get("/api/v1/ingest/status");
            assertThat(status.<List<Number>>json(row + ".pendingBatches").get(0).longValue()).as(status.body()).isEqualTo(leftInDeadSpool);
            assertThat(status.<List<String>>json(row + ".note").get(0)).as("says where they wait").contains(victim.spool().toAbsolutePath().toString());

            cluster.restart(victim);
            Poll.until("every accepted sample in InfluxDB", DEADLINE, 500,
                    () -> samplesPerMinute(cable, t0, batches).values().stream().mapToLong(Long::longValue).sum() == (long) batches * samplesPerBatch);
            Map<Long, Long> perBatch = samplesPerMinute(cable, t0, batches);
            for (int n = 0; n < batches; n++) {
                assertThat(perBatch.get(t0.plus(n, ChronoUnit.MINUTES).toEpochMilli())).as("samples of batch %d", n).isEqualTo(samplesPerBatch);
            }
            Poll.until("the restarted instance's spool drained", DEADLINE, 200, () -> spooled(victim) == 0);
            try (Stream<Path> files = Files.list(victim.spool())) {
                assertThat(files.map(f -> f.getFileName().toString())).as("no half-received batch left").noneMatch(f -> f.startsWith("tmp-"));
            }
            System.out.printf("HaClusterTest ingestion: %d batches; %s killed receiving batch 20 with %d accepted batch file(s) in its spool; "
                    + "attempts without 2xx, resent by the gateway: %s%n", batches, victim.name(), leftInDeadSpool, gateway.failedAttempts);
        } finally {
            gateway.release();
            uploads.interrupt();
            influx.start();
        }
    }

    /**
     * Live traces move parcel A through yellow, red and back to nothing while both instances evaluate every 2 s;
     * the instance that PostgreSQL shows holding the project's cycle lock is killed mid-cycle. The project then
     * has one alert with exactly raised, escalated, cleared.
     */
    @Test
    @Order(4)
    void everyTransitionIsOneAlertWhenTheEvaluatingInstanceIsKilledMidCycle() throws Exception {
        EvaluationSite site = site("HAEVAL");
        try (LiveTraceFeeder feeder = new LiveTraceFeeder(site, 500)) {
            Poll.until("the first yellow trace accepted", DEADLINE, 20, () -> feeder.sent.get() > 0);
            ServiceProcess[] victim = new ServiceProcess[1];
            Poll.until("an instance holds the project's cycle lock", DEADLINE, 2,
                    () -> (victim[0] = cluster.lockHolder(EVALUATION_LOCK, site.projectId)) != null);
            victim[0].kill();
            restarting = CompletableFuture.runAsync(() -> cluster.restart(victim[0]));
            awaitEvent(site, "raised");
            feeder.level(900);
            awaitEvent(site, "escalated");
            feeder.level(0);
            awaitEvent(site, "cleared");
        }
        assertThat(events(site)).as("one alert, each transition once").containsExactly("raised", "escalated", "cleared");
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE project_id = ? AND kind = 'threshold'").param(site.projectId)
                .query(Long.class).single()).isEqualTo(1L);
    }

    /**
     * One webhook channel; "raised" and "escalated" come from live traces, "acknowledged" from the API, "cleared"
     * when the traces fall back. The receiver holds "escalated" unanswered; the instance holding the channel's lock
     * (sending it) is killed. The receiver, de-duplicating by {@code X-Goafwatch-Delivery}, has every event once in
     * the order queued; a repeated request only ever repeats a delivery id with its own event.
     */
    @Test
    @Order(5)
    void everyNotificationIsDeliveredOnceInOrderAcrossAKilledSender() throws Exception {
        EvaluationSite site = site("HANOTE");
        try (HookReceiver receiver = new HookReceiver("escalated")) {
            var channel = cluster.api().postJson("/api/v1/projects/" + site.projectId + "/notification-channels", """
                    {"name": "site office", "kind": "webhook", "url": "%s",
                     "events": ["raised", "escalated", "lowered", "acknowledged", "cleared"]}""".formatted(receiver.url()));
            assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
            long channelId = ((Number) channel.json("$.id")).longValue();
            ServiceProcess victim;
            try (LiveTraceFeeder feeder = new LiveTraceFeeder(site, 500)) {
                awaitEvent(site, "raised");
                long alert = jdbc.sql("SELECT id FROM alert WHERE project_id = ? AND kind = 'threshold'").param(site.projectId).query(Long.class).single();
                var ack = cluster.api().postJson("/api/v1/alerts/" + alert + "/acknowledge", "{\"comment\": \"crew sent\"}");
                assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
                feeder.level(900);
                assertThat(receiver.holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("escalated reached the receiver").isTrue();
                victim = cluster.lockHolder(CHANNEL_LOCK, channelId);
                assertThat(victim).as("an instance holds the channel while it waits for the answer").isNotNull();
                victim.kill();
                receiver.release();
                restarting = CompletableFuture.runAsync(() -> cluster.restart(victim));
                feeder.level(0);
                awaitEvent(site, "cleared");
            }
            Poll.until("every delivery recorded as delivered", DEADLINE, 100, () -> jdbc.sql(
                    "SELECT count(*) FROM notification_delivery WHERE channel_id = ? AND state <> 'delivered'").param(channelId)
                    .query(Long.class).single() == 0);
            Map<Long, String> queued = new java.util.LinkedHashMap<>();
            jdbc.sql("SELECT id, event FROM notification_delivery WHERE channel_id = ? ORDER BY id").param(channelId)
                    .query(rs -> {
                        queued.put(rs.getLong(1), rs.getString(2));
                    });
            Map<Long, String> received = receiver.deduplicated();
            String story = jdbc.sql("""
                    SELECT string_agg(concat_ws(' ', a.id, a.kind, a.parcel_id, e.kind, e.level, e.value, e.at), '; ' ORDER BY e.id)
                    FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.project_id = ?""").param(site.projectId).query(String.class).single();
            assertThat(received.entrySet()).as("each queued delivery once, in the order queued (alert events: %s)", story)
                    .containsExactlyElementsOf(queued.entrySet());
            assertThat(jdbc.sql("""
                    SELECT d.event FROM notification_delivery d JOIN alert a ON a.id = d.alert_id
                    WHERE d.channel_id = ? AND a.kind = 'threshold' ORDER BY d.id""").param(channelId).query(String.class).list())
                    .as("the threshold alert's events (alert events: %s)", story).containsExactly("raised", "acknowledged", "escalated", "cleared");
            for (HookReceiver.Request repeat : receiver.duplicates()) {
                assertThat(repeat.event()).as("a repeat carries its delivery's id").isEqualTo(received.get(repeat.deliveryId()));
            }
            System.out.printf("HaClusterTest notifications: %s killed while sending escalated; %d deliveries queued (%s), %d request(s), "
                    + "%d repeated: %s; alert events: %s%n", victim.name(), queued.size(), queued.values(), receiver.requests.size(),
                    receiver.duplicates().size(), receiver.duplicates(), story);
        }
    }

    /**
     * Parcel A red from live traces (900 µε over a red limit of 800), parcel B without strain: each parcel's flags
     * and the project's last evaluation report read the same through app-a, app-b and HAProxy, whenever no cycle
     * committed between the first and the last of the reads.
     */
    @Test
    @Order(2)
    void flagsAndTheEvaluationReportAreTheSameThroughEitherInstanceAndTheBalancer() throws Exception {
        EvaluationSite site = site("HAFLAG");
        try (LiveTraceFeeder feeder = new LiveTraceFeeder(site, 900)) {
            Poll.until("parcel A red", DEADLINE, 200,
                    () -> "red".equals(cluster.api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.level")));
        }
        List<HttpApi> readers = List.of(cluster.instance("app-a").api(), cluster.instance("app-b").api(), cluster.api());
        List<String> paths = List.of("/api/v1/parcels/" + site.parcelA + "/flags", "/api/v1/parcels/" + site.parcelB + "/flags",
                "/api/v1/projects/" + site.projectId + "/evaluation");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Object before = JsonPath.read(readers.get(0).get(paths.get(2)).body(), "$");
            List<List<Object>> seen = new ArrayList<>();
            for (HttpApi reader : readers) {
                seen.add(paths.stream().map(p -> (Object) JsonPath.read(reader.get(p).body(), "$")).toList());
            }
            Object after = JsonPath.read(readers.get(0).get(paths.get(2)).body(), "$");
            if (before.equals(after)) { // no cycle committed in between: the reads must agree
                assertThat(seen.get(1)).as("app-b as app-a").isEqualTo(seen.get(0));
                assertThat(seen.get(2)).as("HAProxy as app-a").isEqualTo(seen.get(0));
                assertThat((String) JsonPath.read(seen.get(0).get(0), "$.level")).isEqualTo("red");
                assertThat((String) JsonPath.read(seen.get(0).get(1), "$.level")).isEqualTo("ok");
                return;
            }
            assertThat(System.nanoTime()).as("a moment without a cycle between the reads").isLessThan(deadline);
        }
    }

    /**
     * A form login made through HAProxy, on whichever replica HAProxy chose; that replica is killed. The next
     * requests, with the same cookie, reach the survivor signed in; no new session cookie is issued; a write
     * with the session's CSRF token succeeds and one without it is refused.
     *
     * <p>Last: no test after it needs the creator back, so it is not restarted (a restart the next test would wait
     * for is a whole service start; {@link #bothInstancesUp()} still restarts it should a test follow).
     */
    @Test
    @Order(6)
    void aLoginSurvivesTheDeathOfTheInstanceThatCreatedIt() {
        BrowserSession browser = new BrowserSession(cluster.baseUrl(), cluster.tls().clientContext());
        assertThat(browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).isTrue();
        ServiceProcess creator = cluster.instance(browser.lastLogin().headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElseThrow());
        creator.kill();

        var session = browser.get("/api/v1/session");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.headers().firstValue(HaproxyCluster.REPLICA_HEADER)).contains(cluster.other(creator).name());
        assertThat((String) JsonPath.read(session.body(), "$.username")).as("still signed in").isEqualTo(TestUsers.ADMIN);
        assertThat(session.headers().allValues("Set-Cookie")).as("the same session, not a new one")
                .noneSatisfy(c -> assertThat(c).startsWith("JSESSIONID="));

        String project = """
                {"code": "%s", "name": "made after failover", "surveyCrs": "EPSG:4548"}""";
        String[] csrf = browser.csrf();
        assertThat(browser.postJson("/api/v1/projects", project.formatted(Fixtures.uniqueCode("HAWRITE"))).statusCode())
                .as("no CSRF token, refused").isEqualTo(403);
        var created = browser.postJson("/api/v1/projects", project.formatted(Fixtures.uniqueCode("HAWRITE")), csrf[0], csrf[1]);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /**
     * Map pages open through HAProxy on each replica (the replica header of the stream says which) hear of batches
     * ingested through either replica, each once: the event stream passes through HAProxy unbuffered, and the
     * instances pass each other's batches on through PostgreSQL LISTEN/NOTIFY.
     */
    @Test
    @Order(3)
    void mapPagesOnEitherReplicaHearOfBatchesIngestedThroughTheOther() throws Exception {
        EvaluationSite site = site("HALIVE");
        List<LivePage> pages = new ArrayList<>();
        try {
            while (pages.stream().map(p -> p.replica).distinct().count() < 2) {
                assertThat(pages).as("round robin gives a page to each replica").hasSizeLessThan(6);
                pages.add(new LivePage(cluster.baseUrl(), cluster.tls().clientContext(), site.projectId));
            }
            LivePage onA = pages.stream().filter(p -> p.replica.equals("app-a")).findFirst().orElseThrow();
            LivePage onB = pages.stream().filter(p -> p.replica.equals("app-b")).findFirst().orElseThrow();
            Poll.until("both pages got their first layer versions", DEADLINE, 100, () -> onA.count("layers") > 0 && onB.count("layers") > 0);
            int n = 0;
            for (ServiceProcess through : List.of(cluster.instance("app-b"), cluster.instance("app-a"), cluster.instance("app-b"))) {
                n++;
                var r = through.api().postBytes("/api/v1/projects/" + site.projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                        site.trace(Instant.now(), 100, 10 * n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(r.status()).as(r.toString()).isEqualTo(202);
                int expected = n;
                Poll.until("batch " + n + " (through " + through.name() + ") on both pages", DEADLINE, 100,
                        () -> onA.count("data") >= expected && onB.count("data") >= expected);
            }
            // notices arrive in commit order: a repeat of an earlier batch would have come before the last one
            assertThat(onA.count("data")).as("data events on app-a's page: " + onA.events).isEqualTo(3);
            assertThat(onB.count("data")).as("data events on app-b's page: " + onB.events).isEqualTo(3);
        } finally {
            pages.forEach(LivePage::close);
        }
    }

    private static EvaluationSite site(String prefix) {
        HttpApi api = cluster.api();
        EvaluationSite site = new EvaluationSite(api, new Fixtures(api), jdbc, prefix);
        site.cable();
        site.rule(RULE);
        return site;
    }

    private static void awaitEvent(EvaluationSite site, String kind) {
        Poll.until(kind + " in project " + site.projectId + " (events so far: " + events(site) + ")", DEADLINE, 100,
                () -> events(site).contains(kind));
    }

    private static List<String> events(EvaluationSite site) {
        return jdbc.sql("""
                SELECT e.kind FROM alert_event e JOIN alert al ON al.id = e.alert_id
                WHERE al.project_id = ? AND al.kind = 'threshold' AND e.kind <> 'acknowledged' ORDER BY e.id""")
                .param(site.projectId).query(String.class).list();
    }

    /** Batch files (committed, not yet sent) in an instance's spool folder. */
    private static long spooled(ServiceProcess instance) {
        try (Stream<Path> files = Files.list(instance.spool())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lp") && !f.getFileName().toString().startsWith("tmp-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Samples of the cable per minute from {@code t0}, counted by InfluxDB itself. */
    private static Map<Long, Long> samplesPerMinute(long cable, Instant t0, int minutes) {
        String body = influx.query("goafwatch", "SELECT count(strain_ue) FROM fiber_strain WHERE cable = '" + cable + "' AND time >= "
                + t0.toEpochMilli() + "ms AND time < " + t0.plus(minutes, ChronoUnit.MINUTES).toEpochMilli() + "ms GROUP BY time(1m) fill(none)");
        Map<Long, Long> counts = new TreeMap<>();
        if (!body.contains("\"series\"")) {
            return counts;
        }
        List<List<Object>> rows = JsonPath.read(body, "$.results[0].series[0].values");
        for (List<Object> row : rows) {
            counts.put(((Number) row.get(0)).longValue(), ((Number) Objects.requireNonNull(row.get(1))).longValue());
        }
        return counts;
    }
}
