package com.goafwatch.threshold;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL for threshold rules; all values bound. */
@Repository
public class RuleRepository {

    private static final String COLUMNS = "id, project_id, phase_id, parcel_id, name, metric, statistic, statistic_parameter, "
            + "window_seconds, unit, level_mode, control_value, blue, yellow, orange, red, hysteresis_fraction, pending_evaluations, "
            + "pending_seconds, no_data_after_seconds, spike_filter, enabled, description";

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ThresholdRule> findByProject(long projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM threshold_rule WHERE project_id = ? ORDER BY id").param(projectId)
                .query(RuleRepository::map).list();
    }

    public Optional<ThresholdRule> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM threshold_rule WHERE id = ?").param(id).query(RuleRepository::map).optional();
    }

    /** Rules that can apply to a parcel: its project's, its phase's and its own. */
    public List<ThresholdRule> candidatesFor(long parcelId) {
        String qualified = java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "r." + c)
                .collect(java.util.stream.Collectors.joining(", "));
        return jdbc.sql("SELECT " + qualified + " FROM threshold_rule r JOIN parcel p ON p.project_id = r.project_id "
                + "WHERE p.id = ? AND (r.parcel_id = p.id OR r.phase_id = p.phase_id OR (r.parcel_id IS NULL AND r.phase_id IS NULL)) "
                + "ORDER BY r.id").param(parcelId).query(RuleRepository::map).list();
    }

    long insert(long projectId, RuleRequest r) {
        return jdbc.sql("INSERT INTO threshold_rule (project_id, phase_id, parcel_id, name, metric, statistic, statistic_parameter, "
                + "window_seconds, unit, level_mode, control_value, blue, yellow, orange, red, hysteresis_fraction, pending_evaluations, "
                + "pending_seconds, no_data_after_seconds, spike_filter, enabled, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(projectId, r.phaseId(), r.parcelId(), r.name(), r.metric(), r.statistic(), r.statisticParameter(),
                        r.windowSeconds(), r.unit(), r.levelMode(), r.controlValue(), r.blue(), r.yellow(), r.orange(), r.red(),
                        r.hysteresisFraction(), r.pendingEvaluations(), r.pendingSeconds(), r.noDataAfterSeconds(), r.spikeFilter(),
                        r.enabled(), r.description())
                .query(Long.class).single();
    }

    /** @param restart the rule begins to be watched afresh (enabled again, re-scoped, measuring something else) */
    boolean update(long id, RuleRequest r, boolean restart) {
        return jdbc.sql("UPDATE threshold_rule SET phase_id = ?, parcel_id = ?, name = ?, metric = ?, statistic = ?, "
                + "statistic_parameter = ?, window_seconds = ?, unit = ?, level_mode = ?, control_value = ?, blue = ?, yellow = ?, "
                + "orange = ?, red = ?, hysteresis_fraction = ?, pending_evaluations = ?, pending_seconds = ?, no_data_after_seconds = ?, "
                + "spike_filter = ?, enabled = ?, description = ?, updated_at = now(), "
                + "monitored_since = CASE WHEN ? THEN date_trunc('second', now()) ELSE monitored_since END WHERE id = ?")
                .params(r.phaseId(), r.parcelId(), r.name(), r.metric(), r.statistic(), r.statisticParameter(), r.windowSeconds(),
                        r.unit(), r.levelMode(), r.controlValue(), r.blue(), r.yellow(), r.orange(), r.red(), r.hysteresisFraction(),
                        r.pendingEvaluations(), r.pendingSeconds(), r.noDataAfterSeconds(), r.spikeFilter(), r.enabled(), r.description(),
                        restart, id)
                .update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM threshold_rule WHERE id = ?").param(id).update() == 1;
    }

    private static ThresholdRule map(ResultSet rs, int row) throws SQLException {
        return new ThresholdRule(rs.getLong("id"), rs.getLong("project_id"), (Long) rs.getObject("phase_id"),
                (Long) rs.getObject("parcel_id"), rs.getString("name"), Metric.parse(rs.getString("metric")).orElseThrow(),
                Statistic.parse(rs.getString("statistic")).orElseThrow(), (Double) rs.getObject("statistic_parameter"),
                rs.getLong("window_seconds"), rs.getString("unit"), rs.getString("level_mode"), (Double) rs.getObject("control_value"),
                (Double) rs.getObject("blue"), (Double) rs.getObject("yellow"), (Double) rs.getObject("orange"),
                (Double) rs.getObject("red"), rs.getDouble("hysteresis_fraction"), rs.getInt("pending_evaluations"),
                (Long) rs.getObject("pending_seconds"), (Long) rs.getObject("no_data_after_seconds"), rs.getBoolean("spike_filter"),
                rs.getBoolean("enabled"), rs.getString("description"));
    }
}
