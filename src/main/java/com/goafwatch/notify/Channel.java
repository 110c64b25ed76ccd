package com.goafwatch.notify;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where alert events go. Webhook: {@code url} receives a POST per event. MQTT: {@code url} is the broker
 * ({@code tcp://host:1883}), events are published (QoS 1) to {@code topic}/{level}. DingTalk, WeCom, Feishu:
 * {@code url} is the group robot's webhook, whose token or key is a credential; the API returns every URL with its credentials masked;
 * {@code language} ({@code zh}/{@code en}) is the language of their cards. The secret signs webhook bodies
 * and DingTalk/Feishu requests and is never returned by the API ({@code hasSecret} says whether one is set).
 */
public record Channel(long id, long projectId, String name, String kind, @JsonIgnore String url, String topic, @JsonIgnore String secret,
        String minLevel, Long phaseId, List<String> events, boolean includeNoData, boolean enabled, String language,
        OffsetDateTime createdAt) {

    @JsonProperty("hasSecret")
    public boolean hasSecret() {
        return secret != null && !secret.isEmpty();
    }

    /** The URL as the API shows it, credentials masked ({@link ChannelUrlMask}). */
    @JsonProperty("url")
    public String displayUrl() {
        return ChannelUrlMask.display(kind, url);
    }
}
