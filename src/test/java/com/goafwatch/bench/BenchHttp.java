package com.goafwatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;

/** HTTP for the benchmarks, with one Authorization header (a token, or Basic for the set-up). */
final class BenchHttp {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String authorization;

    private BenchHttp(String authorization) {
        this.authorization = authorization;
    }

    static BenchHttp basic(String user, String password) {
        return new BenchHttp("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static BenchHttp bearer(String token) {
        return new BenchHttp("Bearer " + token);
    }

    static BenchHttp none() {
        return new BenchHttp(null);
    }

    /** Creates an API token with the given role through this (admin) client. */
    BenchHttp token(String service, String name, String role, Long projectId) throws IOException, InterruptedException {
        String body = post(service + "/api/v1/admin/tokens", "application/json", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\""
                + (projectId == null ? "" : ", \"projectId\": " + projectId) + ", \"validDays\": 1}");
        return bearer(JsonPath.read(body, "$.secret"));
    }

    String get(String url) throws IOException, InterruptedException {
        return check(url, send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    String post(String url, String type, String body) throws IOException, InterruptedException {
        return check(url, send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String check(String url, HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
