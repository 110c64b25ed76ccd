package com.goafwatch.threshold;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.system.ApiException;

/**
 * The cadence a rule is judged at: the longest expected reading interval among the sensors of its kind in
 * its scope (cables for fiber metrics, settlement markers otherwise; project, phase or parcel), the type
 * default while there are none. Refuses rules that cannot be evaluated at that cadence, naming it.
 */
@Component
public class RuleCadence {

    /** The interval a rule's no-data age and windows are measured against, and the sensors it came from. */
    public record Cadence(long intervalSeconds, String sensors) {

        public String describe() {
            return sensors + " read every " + ReadingCadence.describe(intervalSeconds);
        }
    }

    private final JdbcClient jdbc;

    RuleCadence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Cadence of(long projectId, Metric metric, Long phaseId, Long parcelId) {
        Long interval;
        if (metric.fiber()) {
            interval = jdbc.sql("SELECT max(" + ReadingCadence.CABLE_INTERVAL_SQL + ") FROM cable c JOIN project pr ON pr.id = c.project_id "
                    + "WHERE c.project_id = ? AND ((?::bigint IS NULL AND ?::bigint IS NULL) OR EXISTS (SELECT 1 FROM cable_parcel_interval i "
                    + "JOIN parcel p ON p.id = i.parcel_id WHERE i.cable_id = c.id AND (p.id = ? OR p.phase_id = ?)))")
                    .params(projectId, phaseId, parcelId, parcelId, phaseId).query(Long.class).optional().orElse(null);
            if (interval == null) {
                interval = jdbc.sql("SELECT COALESCE(fiber_interval_seconds, " + ReadingCadence.FIBER_DEFAULT_SECONDS
                        + ") FROM project WHERE id = ?").param(projectId).query(Long.class).single();
            }
            return new Cadence(interval, "fiber cables");
        }
        interval = jdbc.sql("SELECT max(" + ReadingCadence.SENSOR_INTERVAL_SQL + ") FROM point_sensor s JOIN project pr ON pr.id = s.project_id "
                + "LEFT JOIN parcel p ON p.id = s.parcel_id WHERE s.project_id = ? AND s.sensor_type = 'settlement-marker' "
                + "AND ((?::bigint IS NULL AND ?::bigint IS NULL) OR p.id = ? OR p.phase_id = ?)")
                .params(projectId, phaseId, parcelId, parcelId, phaseId).query(Long.class).optional().orElse(null);
        if (interval == null) {
            interval = jdbc.sql("SELECT COALESCE(levelling_interval_seconds, " + ReadingCadence.LEVELLING_DEFAULT_SECONDS
                    + ") FROM project WHERE id = ?").param(projectId).query(Long.class).single();
        }
        return new Cadence(interval, "settlement markers");
    }

    /**
     * 422 when the rule cannot be evaluated at its sensors' cadence: a rate or change-within-window needs a
     * window of at least one reading interval (two readings). (A no-data age of the rule's own is taken as
     * given: whoever sets one knows the interrogator's schedule; leaving it out derives it from the cadence.)
     */
    void check(long projectId, RuleRequest r) {
        Metric metric = Metric.parse(r.metric()).orElseThrow();
        Statistic statistic = Statistic.parse(r.statistic()).orElseThrow();
        Cadence cadence = of(projectId, metric, r.phaseId(), r.parcelId());
        List<RuleValidator.FieldError> errors = new ArrayList<>();
        boolean twoReadings = metric.rate() || statistic == Statistic.CHANGE;
        if (twoReadings && r.windowSeconds() < cadence.intervalSeconds()) {
            errors.add(new RuleValidator.FieldError("windowSeconds", "a window of " + ReadingCadence.describe(r.windowSeconds())
                    + " cannot hold two readings: the " + cadence.describe() + "; give at least "
                    + ReadingCadence.describe(cadence.intervalSeconds()) + " (rates use the latest readings spanning the window)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-rule", "Rule cannot be evaluated at the sensors' cadence",
                    "the " + cadence.describe() + "; nothing was saved").with("errors", errors)
                    .with("cadence", cadence);
        }
    }
}
