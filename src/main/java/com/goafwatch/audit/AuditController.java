package com.goafwatch.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.system.RequestTime;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.ObjectMapper;

@Tag(name = "Audit")
@RestController
class AuditController {

    private static final Set<String> ENTITY_TYPES = Set.of("project", "phase", "parcel", "cable", "cable_calibration_point",
            "point_sensor", "app_user", "user_project_grant", "api_token", "threshold_rule", "metric_baseline", "login");

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final ObjectMapper mapper;
    private final LimitsProperties limits;

    AuditController(JdbcClient jdbc, ProjectAccess access, ObjectMapper mapper, LimitsProperties limits) {
        this.jdbc = jdbc;
        this.access = access;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Operation(summary = "Recorded changes, newest first; filters project, entityType (parcel, cable, cable_calibration_point, …), "
            + "entityId, actor, from, to")
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @GetMapping("/api/v1/audit")
    List<AuditEvent> events(@RequestParam(required = false) Long project, @RequestParam(required = false) String entityType,
            @RequestParam(required = false) Long entityId, @RequestParam(required = false) String actor,
            @RequestParam(required = false) OffsetDateTime from, @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > limits.maxPageSize()) {
            throw ApiException.badRequest("invalid-parameter", "limit must be between 1 and " + limits.maxPageSize());
        }
        if (entityType != null && !ENTITY_TYPES.contains(entityType)) {
            throw ApiException.badRequest("invalid-parameter", "entityType must be one of " + ENTITY_TYPES);
        }
        // Spring has converted the times; bound them like every time of the API
        RequestTime.require("from", from == null ? null : from.toInstant());
        RequestTime.require("to", to == null ? null : to.toInstant());
        if (project != null) {
            access.require(project);
        }
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        Set<Long> visible = access.visibleProjects();
        if (visible != null) {
            // changes outside any project (users, tokens) are for admins only
            where.add("project_id = ANY (?)");
            params.add(visible.toArray(Long[]::new));
        }
        add(where, params, "project_id = ?", project);
        add(where, params, "entity_type = ?", entityType);
        add(where, params, "entity_id = ?", entityId);
        add(where, params, "actor = ?", actor);
        add(where, params, "at >= ?", from);
        add(where, params, "at < ?", to);
        params.add(limit);
        return jdbc.sql("SELECT id, at, actor, action, entity_type, entity_id, project_id, before::text, after::text FROM audit_event"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC LIMIT ?")
                .params(params)
                .query((rs, n) -> new AuditEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7),
                        rs.getString(8) == null ? null : mapper.readTree(rs.getString(8)),
                        rs.getString(9) == null ? null : mapper.readTree(rs.getString(9))))
                .list();
    }

    private static void add(List<String> where, List<Object> params, String clause, Object value) {
        if (value != null) {
            where.add(clause);
            params.add(value);
        }
    }
}
