package com.goafwatch.evaluation;

import java.util.HashMap;
import java.util.Map;

import com.goafwatch.threshold.LevelTracker;

/**
 * Where a cycle finds the tracker state of each (parcel, rule): the snapshot a scheduled cycle reads from
 * PostgreSQL ({@link TrackerStates#read}), or a backtest's own map that starts empty and is thrown away.
 */
interface Trackers {

    /** The (parcel, rule) has been evaluated before. */
    boolean known(long parcelId, long ruleId);

    /** Its state, {@link LevelTracker.State#AWAITING} when unknown (never evaluated with a sample or as silent). */
    LevelTracker.State get(long parcelId, long ruleId);

    void put(long parcelId, long ruleId, LevelTracker.State state);

    /** Trackers in memory only, starting from nothing: what a newly saved rule starts from. */
    static Trackers inMemory() {
        Map<String, LevelTracker.State> states = new HashMap<>();
        return new Trackers() {
            @Override
            public boolean known(long parcelId, long ruleId) {
                return states.containsKey(parcelId + "/" + ruleId);
            }

            @Override
            public LevelTracker.State get(long parcelId, long ruleId) {
                return states.getOrDefault(parcelId + "/" + ruleId, LevelTracker.State.AWAITING);
            }

            @Override
            public void put(long parcelId, long ruleId, LevelTracker.State state) {
                states.put(parcelId + "/" + ruleId, state);
            }
        };
    }
}
