package com.goafwatch.alert;

import java.time.Instant;

/**
 * A sensor a rule reads on a parcel: a fiber cable or a settlement marker. When the rule has no data, all of
 * the sensors it reads there are silent (its newest reading is the newest of theirs), and the no-data alert
 * belongs to each of them, not to the rule.
 *
 * @param kind          {@code cable} or {@code marker}
 * @param lastReadingAt the newest reading the rule found on the parcel (null: none within the look-back)
 */
public record SilentSensor(String kind, long id, String code, Instant lastReadingAt) {
}
