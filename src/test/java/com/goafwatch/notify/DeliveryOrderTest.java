package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.evaluation.Evaluator;
import com.goafwatch.security.Actor;
import com.goafwatch.support.IntegrationTest;
import com.sun.net.httpserver.HttpServer;

/**
 * Strict per-channel order: a later event never overtakes an earlier one that is waiting for its retry,
 * whichever dispatcher (this instance's or another one sharing the database) picks the channel up.
 *
 * <p>The receiver refuses "raised" until the test says the later events are queued, so the outbox holds
 * "raised" pending retry while "escalated" and "cleared" arrive behind it: without the per-channel
 * order they are due at once and reach the receiver first, every time.
 */
class DeliveryOrderTest extends IntegrationTest {

    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "red": 800, "spikeFilter": false}""";

    @Autowired
    Evaluator evaluator;
    @Autowired
    Dispatcher dispatcher;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);

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
        // a second dispatcher working the same outbox, as another instance of the service would
        AtomicBoolean otherInstanceRuns = new AtomicBoolean(true);
        Thread otherInstance = new Thread(() -> {
            while (otherInstanceRuns.get()) {
                Actor.runAs("notifications", dispatcher::dispatchOnce);
                try {
                    Thread.sleep(20); // pacing only: the outbox decides what may be sent
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "second-dispatcher");
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
            assertThat(accepted).as("nothing overtook raised while it waited for its retry").isEmpty();
            List<String> pending = api().get("/api/v1/notification-channels/" + channelId + "/deliveries?state=pending")
                    .json("$.deliveries[*].event");
            assertThat(pending).containsExactlyInAnyOrder("raised", "escalated", "cleared");

            laterQueued.set(true);
            await("all three delivered", () -> accepted.size() >= 3);
            assertThat(accepted).containsExactly("raised", "escalated", "cleared");
            // the receiver has the last one; the dispatcher records it right after the answer
            String log = "/api/v1/notification-channels/" + channelId + "/deliveries";
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
            otherInstanceRuns.set(false);
            otherInstance.join(10_000);
            receiver.stop(0);
        }
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
