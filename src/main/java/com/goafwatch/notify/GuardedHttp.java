package com.goafwatch.notify;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
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
 * The one way a notification leaves the service over HTTP (webhooks and the messenger robots): the receiver's address
 * is checked by {@link DeliveryAddressGuard} at each attempt, and the connection goes to exactly the checked addresses
 * (a name re-resolved in between — DNS rebinding — cannot redirect it; TLS still verifies the name); redirects are
 * not followed; the reply body is read only when the caller asks for it, and then at most {@link #MAX_REPLY_BYTES}.
 */
@Component
class GuardedHttp {

    /** A robot's JSON reply is a few hundred bytes; more is not read. */
    static final int MAX_REPLY_BYTES = 64 * 1024;

    /** What came back: the status, and the (bounded) body when it was asked for. */
    record Reply(int status, String body) {
    }

    private final NotifyProperties properties;
    private final DeliveryAddressGuard guard;

    GuardedHttp(NotifyProperties properties, DeliveryAddressGuard guard) {
        this.properties = properties;
        this.guard = guard;
    }

    /** POSTs JSON to {@code url}; {@code readBody} false leaves the reply unread (webhooks keep only the status). */
    Reply postJson(URI url, Map<String, String> headers, String json, boolean readBody) throws Exception {
        InetAddress[] checked = guard.check(url.getHost(), DeliveryAddressGuard.port(url));
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        try (CloseableHttpClient http = client(url.getHost(), checked)) {
            return http.execute(post, response -> {
                String body = null;
                if (readBody && response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        body = new String(in.readNBytes(MAX_REPLY_BYTES), StandardCharsets.UTF_8);
                    }
                }
                return new Reply(response.getCode(), body);
            });
        }
    }

    /** A client that knows one name, with the checked addresses: it cannot reach anything else. */
    private CloseableHttpClient client(String host, InetAddress[] checked) {
        Timeout timeout = Timeout.of(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new SystemDefaultDnsResolver() {
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
}
