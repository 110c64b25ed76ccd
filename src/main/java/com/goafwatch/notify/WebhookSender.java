package com.goafwatch.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * POSTs the JSON payload. Headers: {@code X-Goafwatch-Event}, {@code X-Goafwatch-Delivery} (the same id
 * on every retry, for de-duplication), {@code X-Goafwatch-Timestamp} (epoch seconds) and, with a secret,
 * {@code X-Goafwatch-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">} — the timestamp is signed
 * so a captured request cannot be replayed later. Any 2xx is success.
 */
@Component
class WebhookSender implements Sender {

    private final HttpClient http;
    private final NotifyProperties properties;

    WebhookSender(NotifyProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean handles(String kind) {
        return "webhook".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.url())).timeout(properties.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "goafwatch-webhook")
                .header("X-Goafwatch-Event", event).header("X-Goafwatch-Delivery", String.valueOf(deliveryId))
                .header("X-Goafwatch-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(payloadJson, StandardCharsets.UTF_8));
        if (channel.hasSecret()) {
            request.header("X-Goafwatch-Signature", "sha256=" + sign(channel.secret(), timestamp + "." + payloadJson));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IllegalStateException("HTTP " + response.statusCode() + (body.isBlank() ? "" : ": "
                    + body.substring(0, Math.min(200, body.length()))));
        }
    }

    static String sign(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
