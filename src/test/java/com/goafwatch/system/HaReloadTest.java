package com.goafwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.goafwatch.support.BalancerClient;
import com.goafwatch.support.BalancerClient.Outcome;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HaproxyCluster;
import com.goafwatch.support.Poll;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * A graceful reload of HAProxy while clients keep sending: HAProxy in master-worker mode ({@code -W}, as the official
 * image runs it) on the committed config in front of two real replicas, reloaded with {@code kill -USR2} to the master
 * (what {@code docker compose kill -s USR2 haproxy} sends) ten times while four clients loop without pause: GETs and
 * POSTs, each over HTTP/1.1 keep-alive and over HTTP/2 (one connection shared by the GET and the POST loop). Over
 * HTTP/1.1 every request is answered; over HTTP/2 Java 17's HttpClient fails the requests in flight when the old worker
 * sends GOAWAY (a client bug, JDK-8335181) or leaves one hanging until its deadline, and the test records which of the
 * failed POSTs were processed.
 */
class HaReloadTest {

    private static final Duration DEADLINE = Duration.ofSeconds(300);
    private static final int RELOADS = 10;
    /** Generous for one request on a loaded machine; a request still unanswered then is counted as failed. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(30);

    @Test
    void http11IsNeverInterruptedByAReloadAndJava17OverHttp2LosesOnlyRequestsInFlightAtTheGoaway() throws Exception {
        String database = "hareload";
        try (HaproxyCluster cluster = HaproxyCluster.start(TestPostgres.createDatabase(database),
                "--goafwatch.influx.url=" + TestInflux.get().url(), "--goafwatch.influx.database=" + database,
                "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1", "--goafwatch.limits.requests-per-minute=0")) {
            HaproxyCluster.Balancer balancer = cluster.startMasterWorkerBalancer();
            String token = BalancerClient.adminToken(cluster.api());
            Map<String, Function<BalancerClient, Sent>> calls = new LinkedHashMap<>();
            Map<String, BalancerClient> clients = new LinkedHashMap<>();
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
                BalancerClient client = new BalancerClient(balancer.baseUrl(), cluster.tls().clientContext(), version, token,
                        REQUEST_DEADLINE);
                clients.put(version + " GET", client);
                calls.put(version + " GET", c -> new Sent(null, c.readSession()));
                clients.put(version + " POST", client);
                calls.put(version + " POST", c -> {
                    String code = Fixtures.uniqueCode("RL");
                    return new Sent(code, c.createProject(code));
                });
            }
            Map<String, List<Sent>> sent = new LinkedHashMap<>();
            calls.keySet().forEach(k -> sent.put(k, Collections.synchronizedList(new ArrayList<>())));
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService loops = Executors.newFixedThreadPool(calls.size());
            List<Future<?>> running = new ArrayList<>();
            List<String> workers = new ArrayList<>();
            try {
                for (String kind : calls.keySet()) {
                    running.add(loops.submit(() -> {
                        while (!stop.get()) {
                            sent.get(kind).add(calls.get(kind).apply(clients.get(kind)));
                        }
                    }));
                }
                awaitProgress(sent, "before the first reload");
                workers.add(HaproxyCluster.workerPid(balancer));
                for (int i = 1; i <= RELOADS; i++) {
                    cluster.reload(balancer);
                    workers.add(HaproxyCluster.workerPid(balancer));
                    awaitProgress(sent, "after reload " + i);
                }
                // the old workers finish their connections and exit: only the newest is left under the master
                Poll.until("the old workers exited", DEADLINE, 100, () -> balancer.process().children().count() == 1);
                awaitProgress(sent, "after the old workers exited");
            } finally {
                stop.set(true);
                for (Future<?> f : running) {
                    f.get();
                }
                loops.shutdownNow();
            }
            assertThat(workers).as("a new worker each time").doesNotHaveDuplicates().hasSize(RELOADS + 1);
            sent.forEach((kind, list) -> System.out.printf("HaReloadTest: %s: %d requests, failed: %s%n", kind, list.size(),
                    list.stream().filter(s -> s.outcome().failure() != null).toList()));
            assertThat(sent.get("HTTP_1_1 GET")).as("HTTP_1_1 GET").allSatisfy(s -> assertThat(s.outcome().status()).as(s.toString())
                    .isEqualTo(200));
            // a POST sent on an idle connection just as the old worker closes it gets no answer (Java resends only GETs);
            // option idle-close-on-response narrows that window: at most one such loss per reload, never another failure
            List<Sent> lostPosts = sent.get("HTTP_1_1 POST").stream().filter(s -> s.outcome().failure() != null).toList();
            assertThat(lostPosts).as("HTTP_1_1 POST").hasSizeLessThanOrEqualTo(RELOADS)
                    .allSatisfy(s -> assertThat(s.outcome().failure()).contains("received no bytes"));
            assertThat(sent.get("HTTP_1_1 POST")).as("HTTP_1_1 POST").filteredOn(s -> s.outcome().failure() == null)
                    .allSatisfy(s -> assertThat(s.outcome().status()).as(s.toString()).isEqualTo(201));
            // HTTP/2: each reload's old worker sends GOAWAY (NO_ERROR) on the client's one connection and still completes
            // the streams it names; Java 17's HttpClient aborts every stream of that connection instead (JDK-8335181, fixed
            // in later JDKs; HAProxy logs them CD--, aborted by the client), and a stream it sends just after the GOAWAY
            // left, which HAProxy ignores (RFC 9113 §6.8), it neither fails nor resends: that request waits for the
            // client's deadline. At most one failure per loop and reload. Whether a failed POST was processed the client
            // cannot tell; the database says
            for (String kind : List.of("HTTP_2 GET", "HTTP_2 POST")) {
                List<Sent> failed = sent.get(kind).stream().filter(s -> s.outcome().failure() != null).toList();
                assertThat(failed).as(kind).hasSizeLessThanOrEqualTo(RELOADS).allSatisfy(s -> assertThat(s.outcome().failure())
                        .satisfiesAnyOf(f -> assertThat(f).endsWith("GOAWAY received"), f -> assertThat(f).startsWith("HttpTimeoutException")));
                if (kind.endsWith("POST")) {
                    long processed = 0;
                    for (Sent s : failed) {
                        processed += projectExists(cluster.database(), s.code()) ? 1 : 0;
                    }
                    System.out.printf("HaReloadTest: %s: %d of %d failed POSTs were processed%n", kind, processed, failed.size());
                }
                assertThat(sent.get(kind)).as(kind).filteredOn(s -> s.outcome().failure() == null)
                        .allSatisfy(s -> assertThat(s.outcome().status()).isEqualTo(kind.endsWith("POST") ? 201 : 200));
            }
        }
    }

    /** One request of a loop: the project code it created (POSTs), and what it got. */
    private record Sent(String code, Outcome outcome) {
    }

    private static boolean projectExists(String database, String code) throws Exception {
        try (Connection c = TestPostgres.connect(database); PreparedStatement s = c.prepareStatement("SELECT 1 FROM project WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Polls until every loop has had five more answered requests than now (no fixed sleep). */
    private static void awaitProgress(Map<String, List<Sent>> outcomes, String when) {
        Map<String, Long> start = answered(outcomes);
        Poll.until("five more answers per loop " + when, DEADLINE, 50,
                () -> answered(outcomes).entrySet().stream().allMatch(e -> e.getValue() >= start.get(e.getKey()) + 5));
    }

    private static Map<String, Long> answered(Map<String, List<Sent>> outcomes) {
        Map<String, Long> n = new LinkedHashMap<>();
        outcomes.forEach((kind, list) -> {
            synchronized (list) {
                n.put(kind, list.stream().filter(o -> o.outcome().failure() == null).count());
            }
        });
        return n;
    }
}
