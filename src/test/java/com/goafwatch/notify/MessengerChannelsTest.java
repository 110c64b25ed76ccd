package com.goafwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.evaluation.Evaluator;
import com.goafwatch.support.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * DingTalk, WeCom and Feishu channels against local receivers that check each request the way the vendor
 * documents it, written here independently of the senders: DingTalk's query {@code timestamp} (ms) and
 * {@code sign} = urlEncode(base64(HMAC-SHA256(key secret, "timestamp\nsecret"))), WeCom's {@code key}, Feishu's
 * body {@code timestamp} (s) and {@code sign} = base64(HMAC-SHA256(key "timestamp\nsecret", empty message)).
 * A request that fails the check gets the vendor's error reply (HTTP 200 with a non-zero code), which must keep
 * the delivery pending. The alert comes from a real evaluation (yellow, 500 µε in parcel A).
 */
class MessengerChannelsTest extends IntegrationTest {

    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "red": 800, "spikeFilter": false}""";

    @Autowired
    Evaluator evaluator;

    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();

    private static String hmacBase64(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void reply(HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static boolean fresh(long timestampMs) {
        return Math.abs(System.currentTimeMillis() - timestampMs) < 3_600_000;
    }

    private HttpServer receivers() throws Exception {
        Map<String, String> dingSecrets = Map.of("tok-1", "SECding-secret", "tok-2", "SECthe-right-one");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/robot/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            String secret = dingSecrets.get(q.get("access_token"));
            boolean ok;
            try {
                long ts = Long.parseLong(q.getOrDefault("timestamp", "0"));
                String expected = hmacBase64(secret.getBytes(StandardCharsets.UTF_8), (ts + "\n" + secret).getBytes(StandardCharsets.UTF_8));
                ok = fresh(ts) && expected.equals(q.get("sign"));
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                received.add(new String[] {"dingtalk", body});
            }
            reply(exchange, ok ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        });
        server.createContext("/cgi-bin/webhook/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = "wecom-key-123".equals(query(exchange.getRequestURI().getRawQuery()).get("key"));
            if (ok) {
                received.add(new String[] {"wecom", body});
            }
            reply(exchange, ok ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
        });
        server.createContext("/open-apis/bot/v2/hook/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok;
            try {
                String ts = JsonPath.read(body, "$.timestamp");
                String key = ts + "\n" + "feishu-secret";
                ok = exchange.getRequestURI().getPath().endsWith("/hook/fs-hook-456") && fresh(Long.parseLong(ts) * 1000)
                        && hmacBase64(key.getBytes(StandardCharsets.UTF_8), new byte[0]).equals(JsonPath.read(body, "$.sign"));
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                received.add(new String[] {"feishu", body});
            }
            reply(exchange, ok ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}"
                    : "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}");
        });
        server.start();
        return server;
    }

    private long channel(long projectId, String json) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/notification-channels", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return ((Number) r.json("$.id")).longValue();
    }

    @Test
    void signedCardsReachEachMessengerAndAWrongSignatureStaysPending() throws Exception {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "MSG");
        site.cable();
        site.rule(RULE);
        HttpServer server = receivers();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            long ding = channel(site.projectId, """
                    {"name": "工地群", "kind": "dingtalk", "url": "%s/robot/send?access_token=tok-1", "secret": "SECding-secret"}"""
                    .formatted(base));
            channel(site.projectId, """
                    {"name": "office", "kind": "wecom", "url": "%s/cgi-bin/webhook/send?key=wecom-key-123", "language": "en"}""".formatted(base));
            channel(site.projectId, """
                    {"name": "监测组", "kind": "feishu", "url": "%s/open-apis/bot/v2/hook/fs-hook-456", "secret": "feishu-secret"}"""
                    .formatted(base));
            long wrong = channel(site.projectId, """
                    {"name": "wrong secret", "kind": "dingtalk", "url": "%s/robot/send?access_token=tok-2", "secret": "SECnot-it"}"""
                    .formatted(base));

            // the robot URLs are credentials: masked in the API, hashed in the audit trail
            var shown = api().get("/api/v1/notification-channels/" + ding);
            assertThat((String) shown.json("$.url")).endsWith("/robot/send?access_token=****");
            assertThat(shown.body()).doesNotContain("tok-1").doesNotContain("ding-secret");
            assertThat((Boolean) shown.json("$.hasSecret")).isTrue();
            assertThat((String) shown.json("$.language")).isEqualTo("zh");
            assertThat(jdbc.sql("SELECT after->>'url' FROM audit_event WHERE entity_type = 'notification_channel' AND entity_id = ?")
                    .param(ding).query(String.class).single()).startsWith("sha256:");

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS);
            site.send(site.trace(t0, 100, 500));
            awaitDrained();
            evaluator.evaluate(site.projectId, null, t0.plusSeconds(1), "test");

            Map<String, String> bodies = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                String[] m = received.poll(30, TimeUnit.SECONDS);
                assertThat(m).as("message %d of 3", i + 1).isNotNull();
                bodies.put(m[0], m[1]);
            }
            OffsetDateTime at = jdbc.sql("SELECT e.at FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.project_id = ?")
                    .param(site.projectId).query(OffsetDateTime.class).single();
            String siteTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at.atZoneSameInstant(ZoneId.of("Asia/Shanghai")));
            String link = "https://goafwatch.example.cn/?project=" + site.projectId + "&parcel=" + site.parcelA;

            String dingTalk = bodies.get("dingtalk");
            assertThat((String) JsonPath.read(dingTalk, "$.msgtype")).isEqualTo("markdown");
            assertThat((String) JsonPath.read(dingTalk, "$.markdown.title")).contains("黄色预警（III级）").contains("地块 A").contains("触发");
            assertThat((String) JsonPath.read(dingTalk, "$.markdown.text")).contains("**项目**").contains("µε").contains("阈值 400 µε")
                    .contains(siteTime + " (Asia/Shanghai, UTC+08:00)").contains("](" + link + ")");

            String weCom = bodies.get("wecom");
            assertThat((String) JsonPath.read(weCom, "$.msgtype")).isEqualTo("markdown");
            assertThat((String) JsonPath.read(weCom, "$.markdown.content")).startsWith("<font color=\"info\">[yellow (III)]")
                    .contains("**Parcel**: A").contains("threshold 400 µε").contains(siteTime).contains("(" + link + ")");

            String feishu = bodies.get("feishu");
            assertThat((String) JsonPath.read(feishu, "$.msg_type")).isEqualTo("interactive");
            assertThat((String) JsonPath.read(feishu, "$.card.header.template")).isEqualTo("yellow");
            assertThat((String) JsonPath.read(feishu, "$.card.header.title.content")).contains("黄色预警");
            assertThat((String) JsonPath.read(feishu, "$.card.elements[0].text.content")).contains("**地块**: A").contains(siteTime);
            assertThat((String) JsonPath.read(feishu, "$.card.elements[1].actions[0].url")).isEqualTo(link);

            // the robot refused the wrong signature: the delivery waits, with DingTalk's code as the error
            long deadline = System.currentTimeMillis() + 30_000;
            List<Map<String, Object>> pending = List.of();
            while (System.currentTimeMillis() < deadline) {
                pending = api().get("/api/v1/notification-channels/" + wrong + "/deliveries?state=pending").json("$.deliveries");
                if (!pending.isEmpty() && pending.get(0).get("lastError") != null) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(pending).hasSize(1);
            assertThat((String) pending.get(0).get("lastError")).contains("errcode 310000");
            assertThat((String) api().get("/api/v1/notification-channels/" + ding + "/deliveries").json("$.deliveries[0].state"))
                    .isEqualTo("delivered");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void messengerChannelsAreValidatedAndTheirUrlsKeptWhenSentBackMasked() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "MSV");
        String channels = "/api/v1/projects/" + site.projectId + "/notification-channels";
        var signedWeCom = api().postJson(channels, """
                {"name": "x", "kind": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "secret": "s"}""");
        assertThat(signedWeCom.status()).isEqualTo(422);
        assertThat((String) signedWeCom.json("$.detail")).contains("secret").contains("WeCom");
        var noToken = api().postJson(channels, """
                {"name": "x", "kind": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send"}""");
        assertThat(noToken.status()).isEqualTo(422);
        assertThat((String) noToken.json("$.detail")).contains("access_token");
        assertThat(api().postJson(channels, """
                {"name": "x", "kind": "feishu", "url": "https://open.feishu.cn/open-apis/bot/v2/hook/h", "language": "fr"}""").status())
                .isEqualTo(422);

        long id = channel(site.projectId, """
                {"name": "x", "kind": "feishu", "url": "https://open.feishu.cn/open-apis/bot/v2/hook/real-hook-id", "secret": "s"}""");
        var shown = api().get("/api/v1/notification-channels/" + id);
        String masked = shown.json("$.url");
        assertThat(masked).isEqualTo("https://open.feishu.cn/open-apis/bot/v2/hook/****");
        var updated = api().putJson("/api/v1/notification-channels/" + id, """
                {"name": "renamed", "kind": "feishu", "url": "%s", "language": "en"}""".formatted(masked));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT url FROM notification_channel WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("https://open.feishu.cn/open-apis/bot/v2/hook/real-hook-id");
        assertThat((Boolean) updated.json("$.hasSecret")).isTrue();
        assertThat((String) updated.json("$.language")).isEqualTo("en");
    }
}
