package com.goafwatch.audit;

import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/**
 * One recorded change. {@code before}/{@code after} are row images (geometries as GeoJSON, secrets
 * removed); {@code before} is null for INSERT, {@code after} for DELETE.
 */
public record AuditEvent(long id, OffsetDateTime at, String actor, String action, String entityType, Long entityId,
        Long projectId, JsonNode before, JsonNode after) {
}
