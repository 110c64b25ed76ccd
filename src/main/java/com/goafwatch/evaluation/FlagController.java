package com.goafwatch.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.parcel.ParcelLevelSql;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.threshold.EffectiveRules;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

/** Current flags of a parcel, level counts per phase for the map, and evaluation on demand. */
@RestController
class FlagController {

    private final Evaluator evaluator;
    private final RuleRepository rules;
    private final JdbcClient jdbc;
    private final ProjectRepository projects;
    /** "now" of an evaluation on request: the application's {@link Clock} when there is one (tests), else the system's */
    private final Clock clock;

    FlagController(Evaluator evaluator, RuleRepository rules, JdbcClient jdbc, ProjectRepository projects, ObjectProvider<Clock> clock) {
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.projects = projects;
        this.evaluator = evaluator;
        this.rules = rules;
        this.jdbc = jdbc;
    }

    /**
     * Every effective rule of the parcel with its status, level, value, threshold and evidence. A rule the
     * evaluator has not reached yet reads {@code unknown}, never ok.
     */
    @ProjectScoped(ScopeOwner.PARCEL)
    @GetMapping("/api/v1/parcels/{id}/flags")
    Map<String, Object> flags(@PathVariable long id) {
        Map<String, Object> parcel = jdbc.sql("SELECT p.id, p.project_id, p.phase_id, p.code, " + ParcelLevelSql.EXPRESSION
                + " AS level FROM parcel p WHERE p.id = ?").param(id).query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("parcelId", rs.getLong("id"));
                    m.put("projectId", rs.getLong("project_id"));
                    m.put("phaseId", rs.getLong("phase_id"));
                    m.put("code", rs.getString("code"));
                    m.put("level", rs.getString("level"));
                    return m;
                }).optional().orElseThrow(() -> ApiException.notFound("parcel", id));
        long projectId = (Long) parcel.get("projectId");
        Map<Long, Instant> since = new HashMap<>();
        jdbc.sql("SELECT rule_id, changed_at FROM rule_state WHERE parcel_id = ?").param(id)
                .query(rs -> {
                    since.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        Map<Long, Flag> current = evaluator.flags(projectId, id);
        List<Flag> flags = new ArrayList<>();
        for (ThresholdRule r : EffectiveRules.of(rules.candidatesFor(id))) {
            flags.add(current.getOrDefault(r.id(), Flag.of(r, "unknown")).since(since.get(r.id())));
        }
        parcel.put("flags", flags);
        CycleReport last = evaluator.lastReport(projectId);
        if (last != null) {
            parcel.put("lastEvaluation", last);
        }
        return parcel;
    }

    /** How many parcels are at each level, for the project and per phase. */
    @ProjectScoped(ScopeOwner.PROJECT)
    @GetMapping("/api/v1/projects/{id}/flag-summary")
    Map<String, Object> summary(@PathVariable long id) {
        projects.require(id);
        Map<String, Long> total = emptyCounts();
        Map<Long, Map<String, Object>> phases = new LinkedHashMap<>();
        jdbc.sql("SELECT f.id, f.ordinal, f.name, x.level, count(*) FROM phase f JOIN LATERAL (SELECT " + ParcelLevelSql.EXPRESSION
                + " AS level FROM parcel p WHERE p.phase_id = f.id) x ON true WHERE f.project_id = ? GROUP BY f.id, f.ordinal, f.name, x.level "
                + "ORDER BY f.ordinal").param(id).query(rs -> {
                    Map<String, Object> phase = phases.computeIfAbsent(rs.getLong(1), k -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("phaseId", k);
                        m.put("ordinal", null);
                        m.put("counts", emptyCounts());
                        return m;
                    });
                    phase.put("ordinal", rs.getInt(2));
                    phase.put("name", rs.getString(3));
                    @SuppressWarnings("unchecked")
                    Map<String, Long> counts = (Map<String, Long>) phase.get("counts");
                    counts.merge(rs.getString(4), rs.getLong(5), Long::sum);
                    total.merge(rs.getString(4), rs.getLong(5), Long::sum);
                });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("projectId", id);
        result.put("counts", total);
        result.put("phases", List.copyOf(phases.values()));
        result.put("openAlerts", jdbc.sql("SELECT count(*) FROM alert WHERE project_id = ? AND state <> 'cleared'").param(id)
                .query(Long.class).single());
        CycleReport last = evaluator.lastReport(id);
        if (last != null) {
            result.put("lastEvaluation", last);
        }
        return result;
    }

    @ProjectScoped(ScopeOwner.PROJECT)
    @PostMapping("/api/v1/projects/{id}/evaluate")
    CycleReport evaluate(@PathVariable long id) {
        projects.require(id);
        return evaluator.evaluate(id, null, Instant.now(clock), "request");
    }

    @ProjectScoped(ScopeOwner.PROJECT)
    @GetMapping("/api/v1/projects/{id}/evaluation")
    CycleReport lastEvaluation(@PathVariable long id) {
        projects.require(id);
        CycleReport r = evaluator.lastReport(id);
        if (r == null) {
            throw ApiException.notFound("evaluation of project", id);
        }
        return r;
    }

    private static Map<String, Long> emptyCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : List.of("red", "orange", "yellow", "blue", "no_data", "unknown", "ok", "not_monitored")) {
            m.put(k, 0L);
        }
        return m;
    }

}
