package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.HttpApi;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;

/**
 * Alerts through the API (filters, acknowledge with comment, comments, access) and their notifications to a
 * real local HTTP receiver (HMAC-signed, retried while it is down, nothing dropped) and the real Mosquitto.
 */
class AlertsAndNotificationsTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.DAYS);

    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "red": 800, "spikeFilter": false}""";

    /** Writes a trace with the given peak at A (fiber 100 m) at t0 + minutes and evaluates a second later. */
    private void step(EvaluationSite site, int minutes, double peak) {
        site.send(site.trace(t0.plus(minutes, ChronoUnit.MINUTES), 100, peak));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t0.plus(minutes, ChronoUnit.MINUTES).plusSeconds(1), "test");
    }

    @Test
    void acknowledgeCommentFilterAndEscalationNeedsNewAcknowledgement() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "ALERT");
        site.cable();
        site.rule(RULE);
        step(site, 0, 500);
        List<Map<String, Object>> open = api().get("/api/v1/alerts?project=" + site.projectId + "&state=open").json("$.alerts");
        assertThat(open).hasSize(1);
        long alertId = ((Number) open.get(0).get("id")).longValue();
        assertThat(open.get(0).get("parcelCode")).isEqualTo("A");
        assertThat(open.get(0).get("level")).isEqualTo("yellow");

        var ack = api().postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"comment\": \"crew sent to check the trench\"}");
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat((String) ack.json("$.state")).isEqualTo("acknowledged");
        assertThat((String) ack.json("$.acknowledgedBy")).isEqualTo("token:test-admin");
        assertThat((String) ack.json("$.events[1].comment")).isEqualTo("crew sent to check the trench");
        assertThat(api().postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{}").status()).isEqualTo(409);
        assertThat(api().postJson("/api/v1/alerts/" + alertId + "/comments", "{\"comment\": \"  \"}").status()).isEqualTo(422);
        assertThat(api().postJson("/api/v1/alerts/" + alertId + "/comments", "{\"comment\": \"crack 2 mm at chainage 100\"}").status())
                .isEqualTo(200);

        step(site, 10, 900); // escalation: the same alert, raised again for a new acknowledgement
        var escalated = api().get("/api/v1/alerts/" + alertId);
        assertThat((String) escalated.json("$.state")).isEqualTo("raised");
        assertThat((String) escalated.json("$.level")).isEqualTo("red");
        assertThat((List<String>) escalated.json("$.events[*].kind")).containsExactly("raised", "acknowledged", "comment", "escalated");
        assertThat((List<Object>) api().get("/api/v1/alerts?project=" + site.projectId).json("$.alerts")).hasSize(1);

        // filters
        assertThat((List<Object>) api().get("/api/v1/alerts?project=" + site.projectId + "&level=yellow").json("$.alerts")).isEmpty();
        assertThat((List<Object>) api().get("/api/v1/alerts?project=" + site.projectId + "&level=red&phase=" + site.phaseId + "&parcel="
                + site.parcelA).json("$.alerts")).hasSize(1);
        assertThat((List<Object>) api().get("/api/v1/alerts?project=" + site.projectId + "&to=" + t0.minusSeconds(1)).json("$.alerts"))
                .isEmpty();
        assertThat((List<Object>) api().get("/api/v1/alerts?project=" + site.projectId + "&from=" + t0 + "&to=" + t0.plusSeconds(3600))
                .json("$.alerts")).hasSize(1);
        assertThat(api().get("/api/v1/alerts?level=purple").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/alerts?from=yesterday").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/alerts/999999999").status()).isEqualTo(404);

        // summary for the map: A red, B ok
        var summary = api().get("/api/v1/projects/" + site.projectId + "/flag-summary");
        assertThat(((Number) summary.json("$.counts.red")).intValue()).isEqualTo(1);
        assertThat(((Number) summary.json("$.counts.ok")).intValue()).isEqualTo(1);
        assertThat(((Number) summary.json("$.phases[0].counts.red")).intValue()).isEqualTo(1);
        assertThat(((Number) summary.json("$.openAlerts")).intValue()).isEqualTo(1);

        // viewers read but do not acknowledge; users without the project see nothing of it
        HttpApi viewer = user("viewer", "[" + site.projectId + "]");
        assertThat(viewer.get("/api/v1/alerts/" + alertId).status()).isEqualTo(200);
        assertThat(viewer.postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{}").status()).isEqualTo(403);
        HttpApi stranger = user("engineer", "[]");
        assertThat(stranger.get("/api/v1/alerts/" + alertId).status()).isEqualTo(403);
        List<Map<String, Object>> visible = stranger.get("/api/v1/alerts?state=open").json("$.alerts");
        assertThat(visible).noneMatch(a -> ((Number) a.get("projectId")).longValue() == site.projectId);

        // deleting the rule closes its alert with the reason
        long ruleId = ((Number) escalated.json("$.ruleId")).longValue();
        assertThat(api().delete("/api/v1/rules/" + ruleId).status()).isEqualTo(204);
        var closed = api().get("/api/v1/alerts/" + alertId);
        assertThat((String) closed.json("$.state")).isEqualTo("cleared");
        assertThat((String) closed.json("$.events[4].comment")).isEqualTo("rule deleted");
        // the history is append-only, even for the database owner
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql("UPDATE alert_event SET comment = 'x' WHERE alert_id = ?")
                .param(alertId).update())).hasStackTraceContaining("append-only");
    }

    @Test
    void webhookIsSignedRetriedWhileTheReceiverIsDownAndNothingIsDropped() throws Exception {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "HOOK");
        site.cable();
        site.rule(RULE);
        BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        AtomicInteger refusals = new AtomicInteger(2); // the receiver answers 503 twice before it works
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = refusals.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new String[] {new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-Goafwatch-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Goafwatch-Timestamp"), exchange.getRequestHeaders().getFirst("X-Goafwatch-Event")});
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            var channel = api().postJson("/api/v1/projects/" + site.projectId + "/notification-channels", """
                    {"name": "site office", "kind": "webhook", "url": "http://127.0.0.1:%d/hook", "secret": "s3cret", "minLevel": "yellow"}"""
                    .formatted(port));
            assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
            assertThat(channel.body()).doesNotContain("s3cret");
            assertThat((Boolean) channel.json("$.hasSecret")).isTrue();
            long channelId = ((Number) channel.json("$.id")).longValue();

            step(site, 0, 500); // raised
            String[] first = received.poll(120, TimeUnit.SECONDS);
            assertThat(first).as("delivered after two refusals").isNotNull();
            assertThat(first[3]).isEqualTo("raised");
            assertThat(first[1]).isEqualTo("sha256=" + hmac("s3cret", first[2] + "." + first[0]));
            assertThat((String) JsonPath.read(first[0], "$.alert.level")).isEqualTo("yellow");
            assertThat((String) JsonPath.read(first[0], "$.alert.parcel")).isEqualTo("A");
            // the receiver has it; the dispatcher records the delivery right after the answer
            String deliveries = "/api/v1/notification-channels/" + channelId + "/deliveries";
            long recorded = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < recorded && !"delivered".equals(api().get(deliveries).json("$.deliveries[0].state"))) {
                Thread.sleep(50);
            }
            var log = api().get(deliveries);
            assertThat((String) log.json("$.deliveries[0].state")).isEqualTo("delivered");
            assertThat(((Number) log.json("$.deliveries[0].attempts")).intValue()).isEqualTo(3);

            // the receiver goes away entirely: escalation and clearing wait in the outbox
            server.stop(0);
            step(site, 10, 900);
            step(site, 20, 0);
            String pendingLog = "/api/v1/notification-channels/" + channelId + "/deliveries?state=pending";
            long tried = System.currentTimeMillis() + 120_000; // until the dispatcher has tried (and failed) both
            while (System.currentTimeMillis() < tried
                    && ((List<Object>) api().get(pendingLog).json("$.deliveries[?(@.lastError != null)]")).size() < 2) {
                Thread.sleep(50);
            }
            List<String> pending = api().get(pendingLog).json("$.deliveries[*].event");
            assertThat(pending).containsExactlyInAnyOrder("escalated", "cleared");
            List<String> errors = api().get(pendingLog).json("$.deliveries[*].lastError");
            assertThat(errors).as("escalated failed; cleared waits behind it").hasSize(2).allSatisfy(e -> assertThat(e).isNotBlank());

            // back on the same port: both arrive, in order
            HttpServer again = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            List<String> events = new CopyOnWriteArrayList<>();
            again.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                events.add(exchange.getRequestHeaders().getFirst("X-Goafwatch-Event"));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            again.start();
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (events.size() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(events).containsExactly("escalated", "cleared");
            } finally {
                again.stop(0);
            }
            // bad channels are refused with the field named, and nothing is stored
            String channels = "/api/v1/projects/" + site.projectId + "/notification-channels";
            var ftp = api().postJson(channels, """
                    {"name": "bad", "kind": "webhook", "url": "ftp://x"}""");
            assertThat(ftp.status()).isEqualTo(422);
            assertThat((String) ftp.json("$.detail")).contains("url");
            assertThat(api().postJson(channels, """
                    {"name": "bad", "kind": "mqtt", "url": "tcp://127.0.0.1:1883", "topic": "a/#"}""").status()).isEqualTo(422);
            assertThat(api().postJson(channels, """
                    {"name": "bad", "kind": "webhook", "url": "http://127.0.0.1:1/x", "minLevel": "purple"}""").status()).isEqualTo(422);
            var foreignPhase = api().postJson(channels, """
                    {"name": "bad", "kind": "webhook", "url": "http://127.0.0.1:1/x", "phaseId": 999999999}""");
            assertThat(foreignPhase.status()).isEqualTo(422);
            assertThat((String) foreignPhase.json("$.detail")).contains("phaseId");
            assertThat((List<Object>) api().get(channels).json("$")).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void mqttMessagesReachMosquitto() throws Exception {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "MQTT");
        site.cable();
        site.rule(RULE);
        String topic = "goafwatch-test/" + site.projectId;
        BlockingQueue<String[]> messages = new LinkedBlockingQueue<>();
        MqttClient subscriber = new MqttClient("tcp://127.0.0.1:1883", "test-" + site.projectId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        subscriber.connect(options);
        try {
            subscriber.subscribe(topic + "/#", 1, (t, m) -> messages.add(new String[] {t, new String(m.getPayload(), StandardCharsets.UTF_8)}));
            var channel = api().postJson("/api/v1/projects/" + site.projectId + "/notification-channels", """
                    {"name": "control room", "kind": "mqtt", "url": "tcp://127.0.0.1:1883", "topic": "%s", "minLevel": "red",
                     "events": ["raised", "escalated", "cleared"]}""".formatted(topic));
            assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
            long phase2 = fixtures().phase(site.projectId, 2);
            var otherPhase = api().postJson("/api/v1/projects/" + site.projectId + "/notification-channels", """
                    {"name": "phase 2 office", "kind": "mqtt", "url": "tcp://127.0.0.1:1883", "topic": "%s/p2", "phaseId": %d}"""
                    .formatted(topic, phase2));
            assertThat(otherPhase.status()).as(otherPhase.toString()).isEqualTo(201);
            step(site, 0, 500); // yellow: below the channel's level, not sent
            step(site, 10, 900); // red
            String[] m = messages.poll(120, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m[0]).isEqualTo(topic + "/red");
            assertThat((String) JsonPath.read(m[1], "$.event")).isEqualTo("escalated");
            assertThat((String) JsonPath.read(m[1], "$.alert.level")).isEqualTo("red");
            assertThat(messages.poll(1, TimeUnit.SECONDS)).as("yellow was not routed here, nor anything to phase 2").isNull();
            long phase2Channel = ((Number) otherPhase.json("$.id")).longValue();
            assertThat((List<Object>) api().get("/api/v1/notification-channels/" + phase2Channel + "/deliveries").json("$.deliveries"))
                    .isEmpty();
            long redChannel = ((Number) channel.json("$.id")).longValue();
            assertThat((List<String>) api().get("/api/v1/notification-channels/" + redChannel + "/deliveries").json("$.deliveries[*].event"))
                    .containsExactly("escalated");
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private HttpApi user(String role, String projects) {
        String name = com.goafwatch.support.Fixtures.uniqueCode(role);
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "%s", "projectIds": %s, "password": "alert-password-123"}""".formatted(name, role, projects));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return api().as(name, "alert-password-123");
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
