package com.goafwatch.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A bearer-token client of a balancer over HTTPS on one HTTP version, whose calls never throw: each gives an
 * {@link Outcome}, the status or the exception's message (e.g. Java's "RST_STREAM received … Stream not processed"
 * for REFUSED_STREAM), so that a test can count what every request got.
 */
public final class BalancerClient {

    /** What one request got: a status, or the failure (status 0). */
    public record Outcome(int status, String replica, String failure) {

        public boolean refusedStream() {
            return failure != null && failure.contains("RST_STREAM") && failure.contains("not processed");
        }

        @Override
        public String toString() {
            return failure != null ? failure : status + " from " + replica;
        }
    }

    private final HttpClient client;
    private final String base;
    private final String token;
    private final HttpClient.Version version;
    private final Duration timeout;

    public BalancerClient(String base, javax.net.ssl.SSLContext tls, HttpClient.Version version, String token) {
        this(base, tls, version, token, Duration.ofSeconds(120));
    }

    /** @param timeout how long one request may take before it counts as failed (a deadline against a hang) */
    public BalancerClient(String base, javax.net.ssl.SSLContext tls, HttpClient.Version version, String token, Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).version(version).connectTimeout(Duration.ofSeconds(30)).build();
        this.base = base;
        this.token = token;
        this.version = version;
    }

    /** An admin API token made through {@code admin} (no bcrypt per request, as Basic would cost). */
    public static String adminToken(HttpApi admin) {
        var created = admin.postJson("/api/v1/admin/tokens", "{\"name\": \"balancer-client\", \"role\": \"admin\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("no token: " + created);
        }
        return created.json("$.secret");
    }

    /** Creates a project (a cheap write that is not repeated by HAProxy): 201 expected. */
    public Outcome createProject(String code) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/projects")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"code": "%s", "name": "keep-alive %s", "surveyCrs": "EPSG:4548"}""".formatted(code, code))));
    }

    /** Reads the caller's session (200 expected). */
    public Outcome readSession() {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session")).GET());
    }

    private Outcome send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.header("Authorization", "Bearer " + token).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.version() != version) {
                return new Outcome(0, null, "answered over " + r.version() + " instead of " + version);
            }
            return new Outcome(r.statusCode(), r.headers().firstValue(HaproxyCluster.REPLICA_HEADER).orElse(null),
                    r.statusCode() >= 400 ? r.statusCode() + " " + r.body() : null);
        } catch (IOException e) {
            return new Outcome(0, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, null, "interrupted");
        }
    }
}
