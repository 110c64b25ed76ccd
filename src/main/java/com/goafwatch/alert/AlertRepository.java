package com.goafwatch.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL for alerts and their history; all values bound. */
@Repository
class AlertRepository {

    private static final String SELECT = "SELECT a.id, a.project_id, a.phase_id, a.parcel_id, p.code AS parcel_code, a.rule_id, "
            + "a.rule_name, a.metric, a.kind, a.state, a.level, a.peak_level, a.value, a.threshold, a.unit, a.evidence::text AS evidence, "
            + "a.raised_at, a.updated_at, a.acknowledged_at, a.acknowledged_by, a.cleared_at, a.sensor_kind, a.sensor_id, a.sensor_code "
            + "FROM alert a JOIN parcel p ON p.id = a.parcel_id";

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Alert> findById(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(AlertRepository::map).optional();
    }

    /** The open alert of a parcel, rule and kind, locked for the change about to be made. */
    Optional<Alert> findOpenForUpdate(long parcelId, long ruleId, String kind) {
        return jdbc.sql(SELECT + " WHERE a.parcel_id = ? AND a.rule_id = ? AND a.kind = ? AND a.state <> 'cleared' FOR UPDATE OF a")
                .params(parcelId, ruleId, kind).query(AlertRepository::map).optional();
    }

    /** The open no-data alert of a sensor, locked for the change about to be made. */
    Optional<Alert> findOpenSensorForUpdate(long projectId, String sensorKind, long sensorId) {
        return jdbc.sql(SELECT + " WHERE a.project_id = ? AND a.sensor_kind = ? AND a.sensor_id = ? AND a.kind = 'no_data' "
                + "AND a.state <> 'cleared' FOR UPDATE OF a").params(projectId, sensorKind, sensorId).query(AlertRepository::map).optional();
    }

    long insertSensor(FlagChange c, SilentSensor s, String evidenceJson) {
        return jdbc.sql("INSERT INTO alert (project_id, phase_id, parcel_id, rule_id, rule_name, metric, kind, state, evidence, raised_at, "
                + "updated_at, sensor_kind, sensor_id, sensor_code) VALUES (?, ?, ?, NULL, ?, ?, 'no_data', 'raised', ?::jsonb, ?, ?, ?, ?, ?) "
                + "RETURNING id")
                .params(c.projectId(), c.phaseId(), c.parcelId(), "no data from " + s.kind() + " " + s.code(), c.rule().metric().dbValue(),
                        evidenceJson, ts(c.at()), ts(c.at()), s.kind(), s.id(), s.code())
                .query(Long.class).single();
    }

    /** Adds one affected (parcel, rule) to an open sensor alert's evidence, once. */
    void addAffected(long id, String affectedJson) {
        jdbc.sql("UPDATE alert SET evidence = jsonb_set(evidence, '{affected}', (evidence->'affected') || ?::jsonb) "
                + "WHERE id = ? AND NOT (evidence->'affected') @> ?::jsonb").params("[" + affectedJson + "]", id, "[" + affectedJson + "]")
                .update();
    }

    /** How many of the (parcel, rule) pairs a sensor alert affected are still without data. */
    int stillSilent(long alertId) {
        return jdbc.sql("SELECT count(*) FROM alert a CROSS JOIN LATERAL jsonb_array_elements(a.evidence->'affected') e "
                + "JOIN rule_state s ON s.parcel_id = (e->>'parcelId')::bigint AND s.rule_id = (e->>'ruleId')::bigint "
                + "WHERE a.id = ? AND s.no_data").param(alertId).query(Integer.class).single();
    }

    List<Alert> openByRule(long ruleId) {
        return jdbc.sql(SELECT + " WHERE a.rule_id = ? AND a.state <> 'cleared' ORDER BY a.id FOR UPDATE OF a").param(ruleId)
                .query(AlertRepository::map).list();
    }

    List<Alert> list(AlertFilter f) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.projectId() != null) {
            where.add("a.project_id = ?");
            params.add(f.projectId());
        }
        if (f.visibleProjects() != null) {
            where.add("a.project_id = ANY (?)");
            params.add(f.visibleProjects().toArray(Long[]::new));
        }
        if (f.state() != null) {
            if (f.state().equals("open")) {
                where.add("a.state <> 'cleared'");
            } else {
                where.add("a.state = ?");
                params.add(f.state());
            }
        }
        if (f.level() != null) {
            where.add("a.level = ?");
            params.add(f.level());
        }
        if (f.kind() != null) {
            where.add("a.kind = ?");
            params.add(f.kind());
        }
        if (f.phaseId() != null) {
            where.add("a.phase_id = ?");
            params.add(f.phaseId());
        }
        if (f.parcelId() != null) {
            where.add("a.parcel_id = ?");
            params.add(f.parcelId());
        }
        // an alert belongs to [from, to) when it was open at some time in it
        if (f.from() != null) {
            where.add("(a.cleared_at IS NULL OR a.cleared_at >= ?)");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.add("a.raised_at < ?");
            params.add(Timestamp.from(f.to()));
        }
        params.add(f.limit());
        params.add(f.offset());
        return jdbc.sql(SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY (a.kind = 'no_data'), a.raised_at DESC, a.id DESC LIMIT ? OFFSET ?").params(params).query(AlertRepository::map).list();
    }

    List<AlertEvent> events(long alertId) {
        return jdbc.sql("SELECT id, alert_id, at, kind, level, value, threshold, evidence::text AS evidence, actor, comment FROM alert_event "
                + "WHERE alert_id = ? ORDER BY id").param(alertId)
                .query((rs, i) -> new AlertEvent(rs.getLong("id"), rs.getLong("alert_id"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("kind"), rs.getString("level"), (Double) rs.getObject("value"), (Double) rs.getObject("threshold"),
                        rs.getString("evidence"), rs.getString("actor"), rs.getString("comment")))
                .list();
    }

    long insert(FlagChange c, String kind, String evidenceJson) {
        String level = c.level() == null ? null : c.level().dbValue();
        return jdbc.sql("INSERT INTO alert (project_id, phase_id, parcel_id, rule_id, rule_name, metric, kind, state, level, peak_level, "
                + "value, threshold, unit, evidence, raised_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'raised', ?, ?, ?, ?, ?, ?::jsonb, ?, ?) "
                + "RETURNING id")
                .params(c.projectId(), c.phaseId(), c.parcelId(), c.rule().id(), c.rule().name(), c.rule().metric().dbValue(), kind, level,
                        level, c.value(), c.threshold(), c.rule().unit(), evidenceJson, ts(c.at()), ts(c.at()))
                .query(Long.class).single();
    }

    /** Level change on an open alert; escalation re-opens an acknowledged alert for a fresh acknowledgement. */
    void changeLevel(long id, FlagChange c, boolean escalation, String evidenceJson) {
        jdbc.sql("UPDATE alert SET level = ?, peak_level = CASE WHEN array_position(ARRAY['blue','yellow','orange','red'], ?) > "
                + "array_position(ARRAY['blue','yellow','orange','red'], peak_level) THEN ? ELSE peak_level END, value = ?, threshold = ?, "
                + "evidence = ?::jsonb, updated_at = ?, state = CASE WHEN ? THEN 'raised' ELSE state END WHERE id = ?")
                .params(c.level().dbValue(), c.level().dbValue(), c.level().dbValue(), c.value(), c.threshold(), evidenceJson, ts(c.at()),
                        escalation, id)
                .update();
    }

    void clear(long id, Instant at) {
        jdbc.sql("UPDATE alert SET state = 'cleared', cleared_at = ?, updated_at = ? WHERE id = ?").params(ts(at), ts(at), id).update();
    }

    void acknowledge(long id, String actor, Instant at) {
        jdbc.sql("UPDATE alert SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, updated_at = ? WHERE id = ?")
                .params(ts(at), actor, ts(at), id).update();
    }

    long event(long alertId, Instant at, String kind, String level, Double value, Double threshold, String evidenceJson, String actor,
            String comment) {
        return jdbc.sql("INSERT INTO alert_event (alert_id, at, kind, level, value, threshold, evidence, actor, comment) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id")
                .params(alertId, ts(at), kind, level, value, threshold, evidenceJson, actor, comment).query(Long.class).single();
    }

    void saveState(FlagChange c, String evidenceJson) {
        jdbc.sql("INSERT INTO rule_state (parcel_id, rule_id, project_id, level, no_data, value, threshold, evidence, changed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (parcel_id, rule_id) DO UPDATE SET level = EXCLUDED.level, "
                + "no_data = EXCLUDED.no_data, value = EXCLUDED.value, threshold = EXCLUDED.threshold, evidence = EXCLUDED.evidence, "
                + "changed_at = EXCLUDED.changed_at")
                .params(c.parcelId(), c.rule().id(), c.projectId(), c.level() == null ? null : c.level().dbValue(), c.noData(), c.value(),
                        c.threshold(), evidenceJson, ts(c.at()))
                .update();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static Alert map(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getLong("project_id"), rs.getLong("phase_id"), rs.getLong("parcel_id"),
                rs.getString("parcel_code"), (Long) rs.getObject("rule_id"), rs.getString("rule_name"), rs.getString("metric"),
                rs.getString("kind"), rs.getString("state"), rs.getString("level"), rs.getString("peak_level"),
                (Double) rs.getObject("value"), (Double) rs.getObject("threshold"), rs.getString("unit"), rs.getString("evidence"),
                rs.getObject("raised_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("acknowledged_at", OffsetDateTime.class), rs.getString("acknowledged_by"),
                rs.getObject("cleared_at", OffsetDateTime.class), rs.getString("sensor_kind"), (Long) rs.getObject("sensor_id"),
                rs.getString("sensor_code"), null);
    }
}
