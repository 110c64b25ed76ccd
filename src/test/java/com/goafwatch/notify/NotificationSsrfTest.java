package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;
import com.sun.net.httpserver.HttpServer;

/**
 * A notification channel cannot reach the service's own databases or the internal network: before the fix a webhook
 * to InfluxDB's /query created a database when an alert was acknowledged, and 200 characters of every answer were
 * stored. The test context allows 127.0.0.1 (its receivers listen there); InfluxDB on 127.0.0.1 stays refused.
 */
class NotificationSsrfTest extends IntegrationTest {

    private long project;
    private long parcel;
    private HttpServer receiver;
    private final AtomicReference<String> hostHeader = new AtomicReference<>();

    @BeforeEach
    void projectWithAnAlert() throws Exception {
        project = fixtures().project(Fixtures.uniqueCode("SSRF"));
        fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(Fixtures.feature("A", 1, "Polygon",
                Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(project).query(Long.class).single();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hostHeader.set(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "SECRET-INTERNAL-PAGE".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String influxQuery(String statement) {
        URI influx = URI.create(TestInflux.get().url());
        return "http://%s:%d/query?q=%s".formatted(influx.getHost(), influx.getPort(), statement.replace(" ", "+"));
    }

    private long acknowledgedAlert() {
        long alert = jdbc.sql("INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, state, level, peak_level, "
                + "raised_at, updated_at) SELECT project_id, phase_id, id, 'r', 'settlement', 'threshold', 'raised', 'red', 'red', now(), "
                + "now() FROM parcel WHERE id = ? RETURNING id").param(parcel).query(Long.class).single();
        assertThat(api().postJson("/api/v1/alerts/" + alert + "/acknowledge", "{}").status()).isEqualTo(200);
        return alert;
    }

    private Map<String, Object> firstAttempt(long channel) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<Map<String, Object>> d = api().get("/api/v1/notification-channels/" + channel + "/deliveries").json("$.deliveries");
            if (!d.isEmpty() && ((Number) d.get(0).get("attempts")).intValue() > 0) {
                return d.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no delivery attempt within 30 s");
    }

    @Test
    void channelsToInternalAddressesAreRefusedWhenCreated() {
        for (String url : List.of(influxQuery("CREATE DATABASE ssrf_created"), "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/hook", "http://[::1]:8080/hook", "http://localhost:" + URI.create(TestInflux.get().url()).getPort() + "/query")) {
            var r = api().postJson("/api/v1/projects/" + project + "/notification-channels",
                    "{\"name\": \"probe\", \"kind\": \"webhook\", \"url\": \"" + url + "\", \"events\": [\"acknowledged\"]}");
            assertThat(r.status()).as(url + ": " + r).isEqualTo(422);
            assertThat((String) r.json("$.detail")).startsWith("url: ");
        }
        var mqtt = api().postJson("/api/v1/projects/" + project + "/notification-channels", "{\"name\": \"probe\", \"kind\": \"mqtt\", "
                + "\"url\": \"tcp://192.168.0.10:1883\", \"topic\": \"t\"}");
        assertThat(mqtt.status()).isEqualTo(422);
    }

    @Test
    void aStoredChannelToInfluxDbIsRefusedAtDeliveryAndChangesNothing() throws Exception {
        // as if stored before this check existed, or named by a host whose address changed since: checked when sent
        String url = influxQuery("CREATE DATABASE ssrf_probe").replace("127.0.0.1", "localhost");
        long channel = jdbc.sql("INSERT INTO notification_channel (project_id, name, kind, url, events) VALUES (?, 'old', 'webhook', ?, "
                + "ARRAY['acknowledged']) RETURNING id").params(project, url).query(Long.class).single();
        acknowledgedAlert();
        Map<String, Object> attempt = firstAttempt(channel);
        assertThat((String) attempt.get("state")).isEqualTo("pending");
        assertThat((String) attempt.get("lastError")).contains("own database");
        assertThat(TestInflux.get().query("goafwatch", "SHOW DATABASES")).doesNotContain("ssrf_probe");
    }

    /** A refused broker said only "MqttException: MqttException" in the delivery log before. */
    @Test
    void aStoredBrokerOnInfluxDbsAddressIsRefusedAtDeliveryAndSaysWhy() throws Exception {
        String broker = "tcp://localhost:" + URI.create(TestInflux.get().url()).getPort();
        long channel = jdbc.sql("INSERT INTO notification_channel (project_id, name, kind, url, topic, events) VALUES (?, 'old broker', "
                + "'mqtt', ?, 'gw', ARRAY['acknowledged']) RETURNING id").params(project, broker).query(Long.class).single();
        acknowledgedAlert();
        Map<String, Object> attempt = firstAttempt(channel);
        assertThat((String) attempt.get("state")).isEqualTo("pending");
        assertThat((String) attempt.get("lastError")).contains("own database");
    }

    @Test
    void onlyTheStatusOfAFailedDeliveryIsStored() throws Exception {
        var created = api().postJson("/api/v1/projects/" + project + "/notification-channels", "{\"name\": \"office\", \"kind\": "
                + "\"webhook\", \"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"events\": [\"acknowledged\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        acknowledgedAlert();
        Map<String, Object> attempt = firstAttempt(((Number) created.json("$.id")).longValue());
        assertThat((String) attempt.get("lastError")).contains("HTTP 500").doesNotContain("SECRET");
    }

    @Test
    void theSenderConnectsToTheCheckedAddressNotToAFreshLookup() throws Exception {
        // "receiver.invalid" exists in no DNS: the request can only arrive if the client used the guard's answer
        DeliveryAddressGuard guard = new DeliveryAddressGuard(List.of("127.0.0.1"), List.of(),
                host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        WebhookSender sender = new WebhookSender(new GuardedHttp(new NotifyProperties(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5), 10, List.of()), guard));
        int port = receiver.getAddress().getPort();
        Channel channel = new Channel(1, project, "c", "webhook", "http://receiver.invalid:" + port + "/hook", null, null, "blue", null,
                List.of("raised"), true, true, "en", null);
        try {
            sender.send(channel, 1, "raised", "red", "{}");
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage("HTTP 500");
        }
        assertThat(hostHeader.get()).isEqualTo("receiver.invalid:" + port);
    }
}
