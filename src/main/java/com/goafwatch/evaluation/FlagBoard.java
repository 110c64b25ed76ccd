package com.goafwatch.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The latest flags per project and parcel (value, level, evidence of every effective rule) and each
 * project's last cycle report: what the API shows between cycles. Both live in PostgreSQL
 * ({@code parcel_flag}, {@code evaluation_report}), written in the cycle's transaction, so every instance
 * answers the same whichever of them evaluated. Only the statements of the last cycle (for the benchmark)
 * stay in this instance's memory.
 */
@Component
class FlagBoard {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    /** The statements of each project's last cycle run here, per round trip: the benchmark replays them bare. */
    private final Map<Long, List<List<String>>> statements = new ConcurrentHashMap<>();

    FlagBoard(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The parcel's flags by rule id, in the order the cycle judged them (empty when never evaluated). */
    Map<Long, Flag> flags(long projectId, long parcelId) {
        Map<Long, Flag> byRule = new LinkedHashMap<>();
        jdbc.sql("SELECT rule_id, flag::text FROM parcel_flag WHERE project_id = ? AND parcel_id = ? ORDER BY ordinal")
                .params(projectId, parcelId)
                .query(rs -> {
                    byRule.put(rs.getLong(1), mapper.readValue(rs.getString(2), Flag.class));
                });
        return byRule;
    }

    /** Replaces the flags of the parcels evaluated; call in the cycle's transaction. */
    void publish(long projectId, Map<Long, Map<Long, Flag>> byParcel) {
        if (byParcel.isEmpty()) {
            return;
        }
        ArrayNode rows = mapper.createArrayNode();
        byParcel.forEach((parcelId, byRule) -> {
            int ordinal = 0;
            for (Map.Entry<Long, Flag> e : byRule.entrySet()) {
                ObjectNode row = rows.addObject();
                row.put("parcelId", parcelId);
                row.put("ruleId", e.getKey());
                row.put("ordinal", ordinal++);
                row.set("flag", mapper.valueToTree(e.getValue()));
            }
        });
        jdbc.sql("DELETE FROM parcel_flag WHERE project_id = ? AND parcel_id = ANY (?)")
                .params(projectId, byParcel.keySet().toArray(Long[]::new)).update();
        jdbc.sql("""
                INSERT INTO parcel_flag (parcel_id, rule_id, project_id, ordinal, flag)
                SELECT (r->>'parcelId')::bigint, (r->>'ruleId')::bigint, ?, (r->>'ordinal')::integer, r->'flag'
                FROM jsonb_array_elements(?::jsonb) r""")
                .params(projectId, mapper.writeValueAsString(rows)).update();
    }

    /** InfluxDB could not be read: the flags stay as they were, marked so. */
    void markUnavailable(long projectId, Set<Long> parcels) {
        jdbc.sql("""
                UPDATE parcel_flag SET flag = flag || '{"dataSource": "unavailable"}'::jsonb
                WHERE project_id = ? AND parcel_id = ANY (?)""")
                .params(projectId, parcels.toArray(Long[]::new)).update();
    }

    CycleReport report(CycleReport r, List<List<String>> cycleStatements) {
        Timestamp scheduled = "schedule".equals(r.trigger()) ? Timestamp.from(r.at()) : null;
        jdbc.sql("""
                INSERT INTO evaluation_report (project_id, report, evaluated_at, scheduled_at) VALUES (?, ?::jsonb, now(), ?)
                ON CONFLICT (project_id) DO UPDATE SET report = EXCLUDED.report, evaluated_at = EXCLUDED.evaluated_at,
                    scheduled_at = coalesce(EXCLUDED.scheduled_at, evaluation_report.scheduled_at)""")
                .params(r.projectId(), mapper.writeValueAsString(r), scheduled).update();
        statements.put(r.projectId(), cycleStatements);
        return r;
    }

    /** When the project's last scheduled cycle evaluated (its evaluation time), wherever it ran; null if never. */
    Instant lastScheduled(long projectId) {
        return jdbc.sql("SELECT scheduled_at FROM evaluation_report WHERE project_id = ?").param(projectId)
                .query((rs, row) -> rs.getTimestamp(1)).optional().map(t -> t == null ? null : t.toInstant()).orElse(null);
    }

    CycleReport lastReport(long projectId) {
        return jdbc.sql("SELECT report::text FROM evaluation_report WHERE project_id = ?").param(projectId).query(String.class)
                .optional().map(json -> mapper.readValue(json, CycleReport.class)).orElse(null);
    }

    List<List<String>> lastStatements(long projectId) {
        return statements.getOrDefault(projectId, List.of());
    }
}
