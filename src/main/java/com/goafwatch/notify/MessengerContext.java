package com.goafwatch.notify;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Looks up what a card shows beyond the outbox payload: the project's code and name and the time of the event. */
@Component
class MessengerContext {

    private final JdbcClient jdbc;
    private final MessengerProperties properties;

    MessengerContext(JdbcClient jdbc, MessengerProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    AlertCard.Context of(JsonNode payload) {
        long projectId = payload.path("alert").path("projectId").asLong();
        var project = jdbc.sql("SELECT code, name FROM project WHERE id = ?").param(projectId).query().singleRow();
        Instant at = jdbc.sql("SELECT at FROM alert_event WHERE id = ?").param(payload.path("eventId").asLong())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional().orElseGet(Instant::now);
        String base = properties.publicBaseUrl() == null || properties.publicBaseUrl().toString().isBlank() ? null
                : properties.publicBaseUrl().toString();
        return new AlertCard.Context(String.valueOf(project.get("code")), String.valueOf(project.get("name")), at, properties.siteZone(), base);
    }
}
