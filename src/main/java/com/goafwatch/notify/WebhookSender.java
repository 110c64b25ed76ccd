package com.goafwatch.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * POSTs the JSON payload. Headers: {@code X-Goafwatch-Event}, {@code X-Goafwatch-Delivery} (the same id
 * on every retry, for de-duplication), {@code X-Goafwatch-Timestamp} (epoch seconds) and, with a secret,
 * {@code X-Goafwatch-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">} — the timestamp is signed
 * so a captured request cannot be replayed later. Any 2xx is success; otherwise only the status is kept, never the
 * receiver's body. The request goes out through {@link GuardedHttp} (address checked at each attempt, no redirects).
 */
@Component
class WebhookSender implements Sender {

    private final GuardedHttp http;

    WebhookSender(GuardedHttp http) {
        this.http = http;
    }

    @Override
    public boolean handles(String kind) {
        return "webhook".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        int status = post(channel, deliveryId, event, payloadJson);
        if (status / 100 != 2) {
            throw new IllegalStateException("HTTP " + status);
        }
    }

    /** Posts one signed message and returns the receiver's status (its body is never read). */
    int post(Channel channel, long deliveryId, String event, String payloadJson) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "goafwatch-webhook");
        headers.put("X-Goafwatch-Event", event);
        headers.put("X-Goafwatch-Delivery", String.valueOf(deliveryId));
        headers.put("X-Goafwatch-Timestamp", timestamp);
        if (channel.hasSecret()) {
            headers.put("X-Goafwatch-Signature", "sha256=" + sign(channel.secret(), timestamp + "." + payloadJson));
        }
        return http.postJson(URI.create(channel.url()), headers, payloadJson, false).status();
    }

    static String sign(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
