package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.evaluation.Evaluator;
import com.goafwatch.system.ClusterLock;
import com.goafwatch.support.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;

/**
 * Strict per-channel order and exactly-once delivery: a later event never overtakes an earlier one that
 * is waiting for its retry, whichever dispatcher picks the channel up. Besides this service's own
 * dispatcher, the tests run further {@link Dispatcher}s on the same database, with their own connections
 * and threads, as other instances of the service would.
 */
class DeliveryOrderTest extends IntegrationTest {

    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "red": 800, "spikeFilter": false}""";
    private static final String ALL_EVENTS = "[\"raised\", \"escalated\", \"lowered\", \"acknowledged\", \"cleared\"]";

    @Autowired
    Evaluator evaluator;
    @Autowired
    Outbox outbox;
    @Autowired
    ChannelRepository channels;
    @Autowired
    List<Sender> senders;
    @Autowired
    DispatchSignal signal;
    @Autowired
    NotifyProperties properties;
    @Autowired
    ClusterLock lock;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);

    /**
     * The receiver refuses "raised" until the test says the later events are queued, so the outbox holds
     * "raised" pending retry while "escalated" and "cleared" arrive behind it: without the per-channel
     * order they are due at once and reach the receiver first, every time.
     */
    @Test
    void laterEventsWaitBehindAnEarlierOneThatIsBeingRetried() throws Exception {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "ORDER");
        site.cable();
        site.rule(RULE);
        AtomicBoolean laterQueued = new AtomicBoolean(false);
        AtomicInteger refusedRaised = new AtomicInteger();
        List<String> accepted = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String event = exchange.getRequestHeaders().getFirst("X-Goafwatch-Event");
            boolean refuse = "raised".equals(event) && !laterQueued.get();
            if (refuse) {
                refusedRaised.incrementAndGet();
            } else {
                accepted.add(event);
            }
            exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        Dispatcher otherInstance = otherInstance();
        try {
            var channel = api().postJson("/api/v1/projects/" + site.projectId + "/notification-channels", """
                    {"name": "site office", "kind": "webhook", "url": "http://127.0.0.1:%d/hook", "minLevel": "yellow"}"""
                    .formatted(receiver.getAddress().getPort()));
            assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
            long channelId = ((Number) channel.json("$.id")).longValue();
            otherInstance.start();

            step(site, 0, 500); // raised (yellow): refused, so pending retry
            await("the receiver refused raised", () -> refusedRaised.get() >= 1);
            step(site, 10, 900); // escalated (red), queued behind raised
            step(site, 20, 0); // cleared, queued behind both
            String log = "/api/v1/notification-channels/" + channelId + "/deliveries";
            int refusedBefore = refusedRaised.get();
            await("raised refused again, with the later ones queued behind it", () -> refusedRaised.get() > refusedBefore);
            assertThat(accepted).as("nothing overtook raised while it waited for its retry").isEmpty();
            List<String> pending = api().get(log + "?state=pending").json("$.deliveries[*].event");
            assertThat(pending).containsExactlyInAnyOrder("raised", "escalated", "cleared");
            List<String> errors = api().get(log + "?state=pending").json("$.deliveries[?(@.event != 'raised')].lastError");
            assertThat(errors).as("the log says why they wait").allSatisfy(e -> assertThat(e).startsWith("waiting behind delivery"));

            laterQueued.set(true);
            await("all three delivered", () -> accepted.size() >= 3);
            assertThat(accepted).containsExactly("raised", "escalated", "cleared");
            // the receiver has the last one; the dispatcher records it right after the answer
            await("the log shows all three delivered",
                    () -> ((List<String>) api().get(log).json("$.deliveries[*].state")).stream().allMatch("delivered"::equals));
            List<Integer> attempts = api().get(log).json("$.deliveries[*].attempts");
            List<String> events = api().get(log).json("$.deliveries[*].event");
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).equals("raised")) {
                    assertThat(attempts.get(i)).as(events.get(i) + " was sent once, after raised").isEqualTo(1);
                }
            }
        } finally {
            otherInstance.stop();
            receiver.stop(0);
        }
    }

    /**
     * Many events on two channels, queued while three dispatchers work the outbox and the receivers refuse
     * their first three requests and every fifth after that: each receiver takes every event exactly once,
     * in the order the events were queued.
     */
    @Test
    void manyEventsReachEachReceiverOnceInOrderWhileThreeDispatchersRaceAndReceiversFail() throws Exception {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "ORDER3");
        int events = 40;
        Receiver east = new Receiver();
        Receiver west = new Receiver();
        List<Dispatcher> others = List.of(otherInstance(), otherInstance());
        try {
            for (Receiver r : List.of(east, west)) {
                var channel = api().postJson("/api/v1/projects/" + site.projectId + "/notification-channels", """
                        {"name": "office %d", "kind": "webhook", "url": "http://127.0.0.1:%d/hook", "events": %s}"""
                        .formatted(r.port(), r.port(), ALL_EVENTS));
                assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
            }
            others.forEach(Dispatcher::start);
            List<Long> alerts = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                alerts.add(jdbc.sql("""
                        INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, level, raised_at, updated_at)
                        VALUES (?, ?, ?, 'order ' || ?, 'fiber_strain', 'threshold', 'red', now(), now()) RETURNING id""")
                        .params(site.projectId, site.phaseId, a % 2 == 0 ? site.parcelA : site.parcelB, a).query(Long.class).single());
            }
            String[] kinds = {"raised", "escalated", "acknowledged", "lowered", "cleared"};
            for (int seq = 0; seq < events; seq++) {
                // queued while the dispatchers are sending and retrying the earlier ones
                int queued = outbox.enqueue(site.projectId, site.phaseId, "red", false, kinds[seq % kinds.length],
                        alerts.get(seq % alerts.size()), seq, "{\"alert\": {\"level\": \"red\"}, \"seq\": " + seq + "}");
                assertThat(queued).isEqualTo(2);
                signal.wake();
            }
            await("every event accepted by both receivers", () -> east.accepted.size() >= events && west.accepted.size() >= events);
            List<Integer> inOrder = IntStream.range(0, events).boxed().toList();
            for (Receiver r : List.of(east, west)) {
                assertThat(r.accepted).as("in the order queued, each once").containsExactlyElementsOf(inOrder);
                assertThat(r.refused.get()).as("the receiver did refuse some").isGreaterThanOrEqualTo(3);
            }
            await("every delivery recorded as delivered", () -> jdbc.sql("""
                    SELECT count(*) FROM notification_delivery d JOIN alert a ON a.id = d.alert_id
                    WHERE a.project_id = ? AND d.state = 'delivered'""").param(site.projectId).query(Long.class).single() == 2L * events);
            assertThat(east.accepted.size() + west.accepted.size()).as("nothing delivered twice meanwhile").isEqualTo(2 * events);
        } finally {
            others.forEach(Dispatcher::stop);
            east.server.stop(0);
            west.server.stop(0);
        }
    }

    /** A webhook receiver that refuses its first three requests and every fifth after those. */
    private static final class Receiver {
        final List<Integer> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger refused = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;

        Receiver() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int n = requests.incrementAndGet();
                boolean refuse = n <= 3 || n % 5 == 0;
                if (refuse) {
                    refused.incrementAndGet();
                } else {
                    accepted.add(JsonPath.read(body, "$.seq"));
                }
                exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }
    }

    /** Another instance's dispatcher: its own loop, thread and connections on the same outbox. */
    private Dispatcher otherInstance() {
        return new Dispatcher(jdbc, channels, senders, signal, properties, lock);
    }

    private void step(EvaluationSite site, int minutes, double peak) {
        site.send(site.trace(t0.plus(minutes, ChronoUnit.MINUTES), 100, peak));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t0.plus(minutes, ChronoUnit.MINUTES).plusSeconds(1), "test");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 120 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
