package com.goafwatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestTime;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import tools.jackson.databind.ObjectMapper;

/** Alert list (filters: project, state, level, kind, phase, parcel, time), single alert with history, acknowledge, comment. */
@RestController
class AlertController {

    private static final Set<String> STATES = Set.of("raised", "acknowledged", "cleared", "open");
    private static final Set<String> LEVELS = Set.of("blue", "yellow", "orange", "red");

    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final ProjectAccess access;
    private final BulkAcknowledgement bulk;

    private final ObjectMapper mapper;

    AlertController(AlertRepository alerts, AlertLifecycle lifecycle, ProjectAccess access, BulkAcknowledgement bulk, ObjectMapper mapper) {
        this.mapper = mapper;
        this.bulk = bulk;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.access = access;
    }

    record CommentRequest(String comment) {
    }

    /** Body of a bulk acknowledgement: the alerts and the one comment recorded on each. */
    record BulkRequest(List<Long> ids, String comment) {
    }

    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @GetMapping("/api/v1/alerts")
    Map<String, Object> list(@RequestParam(required = false) Long project, @RequestParam(required = false) String state,
            @RequestParam(required = false) String level, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Long phase, @RequestParam(required = false) Long parcel,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (project != null) {
            access.require(project);
        }
        check(state == null || STATES.contains(state), "state", "state must be raised, acknowledged, cleared or open");
        check(level == null || LEVELS.contains(level), "level", "level must be blue, yellow, orange or red");
        check(kind == null || kind.equals("threshold") || kind.equals("no_data"), "kind", "kind must be threshold or no_data");
        check(limit >= 1 && limit <= 1000, "limit", "limit must be 1-1000");
        check(offset >= 0, "offset", "offset must not be negative");
        Instant f = time(from, "from");
        Instant t = time(to, "to");
        check(f == null || t == null || f.isBefore(t), "from", "from must be before to");
        List<Alert> list = alerts.list(new AlertFilter(project, access.visibleProjects(), state, level, kind, phase, parcel, f, t, limit,
                offset));
        // real alerts come first in the list; no-data alerts follow, and are summarised per silent sensor
        // (no-data alerts have no level: a level filter leaves the summary empty)
        List<NoDataSummary> noData = "threshold".equals(kind) || level != null ? List.of()
                : NoDataSummary.of(alerts.list(new AlertFilter(project, access.visibleProjects(), state, null, "no_data", phase, parcel, f, t,
                        1000, 0)), mapper);
        return Map.of("alerts", list, "noData", noData, "limit", limit, "offset", offset, "returned", list.size());
    }

    @ProjectScoped(ScopeOwner.ALERT)
    @GetMapping("/api/v1/alerts/{id}")
    Alert get(@PathVariable long id) {
        return lifecycle.get(id);
    }

    @ProjectScoped(ScopeOwner.ALERT)
    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    Alert acknowledge(@PathVariable long id, @RequestBody(required = false) CommentRequest body) {
        return lifecycle.acknowledge(id, body == null ? null : body.comment());
    }

    /** All or nothing; each alert is checked against the caller's projects (the body names alerts, not a project). */
    @ProjectScoped(value = ScopeOwner.QUERY_FILTER, param = "project")
    @PostMapping("/api/v1/alerts/bulk-acknowledge")
    Map<String, Object> acknowledgeAll(@RequestBody(required = false) BulkRequest body) {
        List<Alert> done = bulk.acknowledge(body == null ? null : body.ids(), body == null ? null : body.comment());
        return Map.of("acknowledged", done.size(), "alerts", done);
    }

    @ProjectScoped(ScopeOwner.ALERT)
    @PostMapping("/api/v1/alerts/{id}/comments")
    Alert comment(@PathVariable long id, @RequestBody(required = false) CommentRequest body) {
        return lifecycle.comment(id, body == null ? null : body.comment());
    }

    private static void check(boolean ok, String parameter, String detail) {
        if (!ok) {
            throw ApiException.badRequest("invalid-parameter", detail).with("parameter", parameter);
        }
    }

    /** Bounded like every time of the API ({@link RequestTime}); null when absent. */
    private static Instant time(String text, String parameter) {
        return text == null ? null : RequestTime.parse(parameter, text);
    }
}
