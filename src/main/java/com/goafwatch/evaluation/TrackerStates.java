package com.goafwatch.evaluation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker;

/**
 * The tracker state of every (parcel, rule), including pending counts, kept in memory between cycles.
 * Levels are restored from {@code rule_state} on a project's first cycle after a restart, so an alert
 * that is already open is not raised again. Used by one cycle at a time (the evaluator is synchronized).
 */
@Component
class TrackerStates {

    private final JdbcClient jdbc;
    private final Map<Long, Map<String, LevelTracker.State>> byProject = new HashMap<>();

    TrackerStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The (parcel, rule) has been evaluated before (its first evaluation is stored even when it is within limits). */
    boolean known(long projectId, long parcelId, long ruleId) {
        return project(projectId).containsKey(key(parcelId, ruleId));
    }

    LevelTracker.State get(long projectId, long parcelId, long ruleId) {
        return project(projectId).getOrDefault(key(parcelId, ruleId), LevelTracker.State.OK);
    }

    void put(long projectId, long parcelId, long ruleId, LevelTracker.State state) {
        project(projectId).put(key(parcelId, ruleId), state);
    }

    /** The project's trackers as one cycle sees them. */
    Trackers of(long projectId) {
        return new Trackers() {
            @Override
            public boolean known(long parcelId, long ruleId) {
                return TrackerStates.this.known(projectId, parcelId, ruleId);
            }

            @Override
            public LevelTracker.State get(long parcelId, long ruleId) {
                return TrackerStates.this.get(projectId, parcelId, ruleId);
            }

            @Override
            public void put(long parcelId, long ruleId, LevelTracker.State state) {
                TrackerStates.this.put(projectId, parcelId, ruleId, state);
            }
        };
    }

    private Map<String, LevelTracker.State> project(long projectId) {
        return byProject.computeIfAbsent(projectId, id -> {
            Map<String, LevelTracker.State> restored = new HashMap<>();
            jdbc.sql("SELECT parcel_id, rule_id, level, no_data FROM rule_state WHERE project_id = ?").param(id).query(rs -> {
                String level = rs.getString(3);
                restored.put(key(rs.getLong(1), rs.getLong(2)), new LevelTracker.State(
                        level == null ? null : Level.valueOf(level.toUpperCase(Locale.ROOT)), rs.getBoolean(4), null, 0, null));
            });
            return restored;
        });
    }

    private static String key(long parcel, long rule) {
        return parcel + "/" + rule;
    }
}
