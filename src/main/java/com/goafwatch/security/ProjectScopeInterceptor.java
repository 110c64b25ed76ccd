package com.goafwatch.security;

import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks the project of every path that names one, before the controller runs: {@code /projects/{id}},
 * and the project owning {@code /phases/{id}}, {@code /parcels/{id}}, {@code /cables/{id}},
 * {@code /sensors/{id}}, {@code /levelling-runs/{id}} and the others listed below. An id that does not exist passes, so the controller answers 404.
 */
@Component
class ProjectScopeInterceptor implements HandlerInterceptor {

    private static final Map<String, String> OWNER_QUERIES = Map.ofEntries(
            Map.entry("/api/v1/phases/", "SELECT project_id FROM phase WHERE id = ?"),
            Map.entry("/api/v1/parcels/", "SELECT project_id FROM parcel WHERE id = ?"),
            Map.entry("/api/v1/cables/", "SELECT project_id FROM cable WHERE id = ?"),
            Map.entry("/api/v1/sensors/", "SELECT project_id FROM point_sensor WHERE id = ?"),
            Map.entry("/api/v1/rules/", "SELECT project_id FROM threshold_rule WHERE id = ?"),
            Map.entry("/api/v1/alerts/", "SELECT project_id FROM alert WHERE id = ?"),
            Map.entry("/api/v1/notification-channels/", "SELECT project_id FROM notification_channel WHERE id = ?"),
            Map.entry("/api/v1/boreholes/", "SELECT project_id FROM borehole WHERE id = ?"),
            Map.entry("/api/v1/qa-tests/", "SELECT project_id FROM qa_test WHERE id = ?"),
            Map.entry("/api/v1/reports/", "SELECT project_id FROM report WHERE id = ?"),
            Map.entry("/api/v1/levelling-runs/", "SELECT project_id FROM levelling_run WHERE id = ?"));

    private final ProjectAccess access;
    private final JdbcClient jdbc;

    ProjectScopeInterceptor(ProjectAccess access, JdbcClient jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (pattern == null || vars == null || access.current() == null) {
            return true;
        }
        projectOf(pattern, vars).ifPresent(access::require);
        return true;
    }

    private Optional<Long> projectOf(String pattern, Map<String, String> vars) {
        if (pattern.startsWith("/api/v1/projects/{")) {
            return number(vars.getOrDefault("projectId", vars.get("id")));
        }
        for (Map.Entry<String, String> owner : OWNER_QUERIES.entrySet()) {
            if (pattern.startsWith(owner.getKey() + "{")) {
                // the variable right after the prefix names the entity, whatever the controller calls it
                String prefix = owner.getKey() + "{";
                String id = vars.get(pattern.substring(prefix.length(), pattern.indexOf('}', prefix.length())));
                return number(id).flatMap(n -> jdbc.sql(owner.getValue()).param(n).query(Long.class).optional());
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty(); // the controller answers 400
        }
    }
}
