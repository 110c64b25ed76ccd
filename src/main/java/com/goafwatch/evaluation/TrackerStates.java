package com.goafwatch.evaluation;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.RuleWithdrawn;

/**
 * The tracker state of every (parcel, rule) as PostgreSQL holds it, read at the start of each cycle, so
 * every instance judges from the same state: the level and no-data flag from {@code rule_state} (written
 * with each transition by the alert lifecycle), the progress towards a higher level from
 * {@code rule_pending} (written by {@link #savePending} in the cycle's transaction). A (parcel, rule) is
 * known once {@code rule_state} has its row (its first evaluation is stored even when within limits).
 */
@Component
class TrackerStates {

    private final JdbcClient jdbc;

    TrackerStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One project's states at the start of a cycle. What a cycle puts here is only its own view: PostgreSQL is written
     * by the alert lifecycle and {@link #savePending}, in the cycle's transaction.
     */
    static final class Snapshot implements Trackers {
        private final Map<String, LevelTracker.State> states = new HashMap<>();
        private final Set<String> known = new HashSet<>();

        @Override
        public boolean known(long parcelId, long ruleId) {
            return known.contains(key(parcelId, ruleId));
        }

        @Override
        public LevelTracker.State get(long parcelId, long ruleId) {
            return states.getOrDefault(key(parcelId, ruleId), LevelTracker.State.AWAITING);
        }

        @Override
        public void put(long parcelId, long ruleId, LevelTracker.State state) {
            known.add(key(parcelId, ruleId));
            states.put(key(parcelId, ruleId), state);
        }
    }

    Snapshot read(long projectId) {
        Snapshot s = new Snapshot();
        jdbc.sql("SELECT parcel_id, rule_id, level, no_data FROM rule_state WHERE project_id = ?").param(projectId).query(rs -> {
            String key = key(rs.getLong(1), rs.getLong(2));
            s.known.add(key);
            s.states.put(key, new LevelTracker.State(level(rs.getString(3)), rs.getBoolean(4), null, 0, null));
        });
        jdbc.sql("SELECT parcel_id, rule_id, pending_level, pending_count, pending_since FROM rule_pending WHERE project_id = ?")
                .param(projectId).query(rs -> {
                    String key = key(rs.getLong(1), rs.getLong(2));
                    LevelTracker.State held = s.states.getOrDefault(key, LevelTracker.State.OK);
                    Timestamp since = rs.getTimestamp(5);
                    s.states.put(key, new LevelTracker.State(held.level(), held.noData(), level(rs.getString(3)), rs.getInt(4),
                            since == null ? null : since.toInstant()));
                });
        return s;
    }

    /**
     * A rule disabled, re-scoped or deleted judges nothing any more: its states go with its closed alerts (same
     * transaction), so its old level neither colours parcels nor stands when it is enabled again; it then awaits
     * afresh, from {@code threshold_rule.monitored_since}.
     */
    @EventListener
    void forget(RuleWithdrawn withdrawn) {
        for (String table : new String[] {"rule_pending", "parcel_flag", "rule_state"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE rule_id = ?").param(withdrawn.ruleId()).update();
        }
    }

    /** Records a (parcel, rule)'s progress towards a level when it moved; call in the cycle's transaction. */
    void savePending(long projectId, long parcelId, long ruleId, LevelTracker.State before, LevelTracker.State after) {
        if (Objects.equals(before.pendingLevel(), after.pendingLevel()) && before.pendingCount() == after.pendingCount()
                && Objects.equals(before.pendingSince(), after.pendingSince())) {
            return;
        }
        if (after.pendingLevel() == null && after.pendingCount() == 0 && after.pendingSince() == null) {
            jdbc.sql("DELETE FROM rule_pending WHERE parcel_id = ? AND rule_id = ?").params(parcelId, ruleId).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO rule_pending (parcel_id, rule_id, project_id, pending_level, pending_count, pending_since)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (parcel_id, rule_id) DO UPDATE SET pending_level = EXCLUDED.pending_level,
                    pending_count = EXCLUDED.pending_count, pending_since = EXCLUDED.pending_since""")
                .params(parcelId, ruleId, projectId, after.pendingLevel() == null ? null : after.pendingLevel().dbValue(),
                        after.pendingCount(), after.pendingSince() == null ? null : Timestamp.from(after.pendingSince()))
                .update();
    }

    private static Level level(String dbValue) {
        return dbValue == null ? null : Level.valueOf(dbValue.toUpperCase(Locale.ROOT));
    }

    private static String key(long parcel, long rule) {
        return parcel + "/" + rule;
    }
}
