package com.goafwatch.alert;

import java.time.Instant;
import java.util.List;

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
 * @param sensors   the sensors the rule reads on the parcel (filled when the change concerns no data): the
 *                  no-data alert is one per sensor, naming the parcels and rules it starves
 */
public record FlagChange(long projectId, long phaseId, long parcelId, String parcelCode, ThresholdRule rule, LevelTracker.Change change,
        Level level, Level previousLevel, boolean noData, boolean dataBack, Double value, Double threshold, Evidence evidence,
        Instant at, List<SilentSensor> sensors) {

    public FlagChange {
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
    }
}
