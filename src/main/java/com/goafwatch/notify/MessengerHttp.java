package com.goafwatch.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The one place where DingTalk, WeCom and Feishu requests leave the service: POST JSON, no redirects, the
 * notification timeout; a reply is accepted only when it is 2xx and the vendor's code in its JSON body is 0
 * ({@code errcode} for DingTalk and WeCom, {@code code} — older Feishu: {@code StatusCode} — for Feishu).
 * These robots answer HTTP 200 with a non-zero code for a bad signature or key, so the status alone proves nothing.
 */
@Component
class MessengerHttp {

    private final HttpClient http;
    private final NotifyProperties properties;
    private final ObjectMapper mapper;

    MessengerHttp(NotifyProperties properties, ObjectMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws IllegalStateException with the status or the vendor's code and message when the robot did not take it */
    void post(URI uri, String json, String... codeFields) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout()).header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "goafwatch-notify").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + (body.isBlank() ? "" : ": " + cut(body)));
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the robot's reply is not JSON: " + cut(body));
        }
        for (String field : codeFields) {
            JsonNode code = reply.get(field);
            if (code != null && code.isNumber()) {
                if (code.asInt() != 0) {
                    throw new IllegalStateException(field + " " + code.asInt() + ": " + cut(body));
                }
                return;
            }
        }
        throw new IllegalStateException("the robot's reply has no " + String.join("/", codeFields) + ": " + cut(body));
    }

    private static String cut(String body) {
        return body.substring(0, Math.min(200, body.length()));
    }
}
