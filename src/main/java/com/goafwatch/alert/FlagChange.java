package com.goafwatch.alert;

import java.time.Instant;

import com.goafwatch.threshold.Evidence;
import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.LevelTracker;
import com.goafwatch.threshold.ThresholdRule;

/**
 * A transition of one rule on one parcel, as the evaluator found it.
 *
 * @param level     the level after the change (null: within limits)
 * @param noData    the rule has no current data after the change
 * @param dataBack  data came back after a no-data period (the no-data alert clears)
 */
public record FlagChange(long projectId, long phaseId, long parcelId, String parcelCode, ThresholdRule rule, LevelTracker.Change change,
        Level level, Level previousLevel, boolean noData, boolean dataBack, Double value, Double threshold, Evidence evidence,
        Instant at) {
}
