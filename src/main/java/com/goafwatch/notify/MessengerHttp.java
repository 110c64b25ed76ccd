package com.goafwatch.notify;

import java.net.URI;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The one place where DingTalk, WeCom and Feishu requests leave the service: POST JSON through {@link GuardedHttp}
 * (address checked at each attempt, no redirects, the notification timeout); a reply is accepted only when it is 2xx and the vendor's code in its JSON body is 0
 * ({@code errcode} for DingTalk and WeCom, {@code code} — older Feishu: {@code StatusCode} — for Feishu).
 * These robots answer HTTP 200 with a non-zero code for a bad signature or key, so the status alone proves nothing.
 * Only the status or the vendor's code is kept in the delivery log, never the reply's text.
 */
@Component
class MessengerHttp {

    private final GuardedHttp http;
    private final ObjectMapper mapper;

    MessengerHttp(GuardedHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    /** @throws IllegalStateException with the status or the vendor's code when the robot did not take it */
    void post(URI uri, String json, String... codeFields) throws Exception {
        GuardedHttp.Reply response = http.postJson(uri, Map.of("User-Agent", "goafwatch-notify"), json, true);
        String body = response.body() == null ? "" : response.body();
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.status());
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the robot's reply is not JSON");
        }
        for (String field : codeFields) {
            JsonNode code = reply.get(field);
            if (code != null && code.isNumber()) {
                if (code.asInt() != 0) {
                    throw new IllegalStateException(field + " " + code.asInt());
                }
                return;
            }
        }
        throw new IllegalStateException("the robot's reply has no " + String.join("/", codeFields));
    }
}
