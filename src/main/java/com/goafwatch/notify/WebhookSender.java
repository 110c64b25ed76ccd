package com.goafwatch.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * POSTs the JSON payload. Headers: {@code X-Goafwatch-Event}, {@code X-Goafwatch-Delivery} (the same id
 * on every retry, for de-duplication), {@code X-Goafwatch-Timestamp} (epoch seconds) and, with a secret,
 * {@code X-Goafwatch-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">} — the timestamp is signed
 * so a captured request cannot be replayed later. Any 2xx is success; otherwise only the status is kept, never the
 * receiver's body. The receiver's address is checked by {@link DeliveryAddressGuard} at each attempt and the
 * connection goes to exactly the checked addresses (TLS still verifies the name); redirects are not followed.
 */
@Component
class WebhookSender implements Sender {

    private final NotifyProperties properties;
    private final DeliveryAddressGuard guard;

    WebhookSender(NotifyProperties properties, DeliveryAddressGuard guard) {
        this.properties = properties;
        this.guard = guard;
    }

    @Override
    public boolean handles(String kind) {
        return "webhook".equals(kind);
    }

    @Override
    public void send(Channel channel, long deliveryId, String event, String level, String payloadJson) throws Exception {
        URI url = URI.create(channel.url());
        InetAddress[] checked = guard.check(url.getHost(), DeliveryAddressGuard.port(url));
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpPost post = new HttpPost(url);
        post.setHeader("User-Agent", "goafwatch-webhook");
        post.setHeader("X-Goafwatch-Event", event);
        post.setHeader("X-Goafwatch-Delivery", String.valueOf(deliveryId));
        post.setHeader("X-Goafwatch-Timestamp", timestamp);
        if (channel.hasSecret()) {
            post.setHeader("X-Goafwatch-Signature", "sha256=" + sign(channel.secret(), timestamp + "." + payloadJson));
        }
        post.setEntity(new StringEntity(payloadJson, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        try (CloseableHttpClient http = client(url.getHost(), checked)) {
            int status = http.execute(post, response -> response.getCode()); // the body is never read
            if (status / 100 != 2) {
                throw new IllegalStateException("HTTP " + status);
            }
        }
    }

    /** A client that knows one name, with the checked addresses: it cannot reach anything else. */
    private CloseableHttpClient client(String host, InetAddress[] checked) {
        Timeout timeout = Timeout.of(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new org.apache.hc.client5.http.SystemDefaultDnsResolver() {
                    @Override
                    public InetAddress[] resolve(String name) throws UnknownHostException {
                        if (!bare(name).equalsIgnoreCase(bare(host))) {
                            throw new UnknownHostException(name + " was not checked");
                        }
                        return checked;
                    }
                })
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                .build();
        return HttpClients.custom().setConnectionManager(connections).disableRedirectHandling().disableAutomaticRetries()
                .disableCookieManagement().setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build()).build();
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static String sign(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
