package com.goafwatch.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Scripted series with exact expected transitions: yellow 70, orange 85, red 100 (hysteresis 10 %). */
class LevelTrackerTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private static ThresholdRule rule(int pendingEvaluations, Long pendingSeconds) {
        return new ThresholdRule(1, 1, null, null, "r", Metric.SETTLEMENT, Statistic.MAX, null, 86400, "mm", "absolute", null, null,
                70.0, 85.0, 100.0, 0.1, pendingEvaluations, pendingSeconds, 3600L, true, true, null);
    }

    /** Runs values (null: no data) at 10-minute evaluations; returns "change:level" per step. */
    private static List<String> run(ThresholdRule rule, Double... values) {
        LevelTracker tracker = new LevelTracker(rule);
        LevelTracker.State state = LevelTracker.State.OK;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant now = T0.plusSeconds(600L * i);
            LevelTracker.Result r = tracker.evaluate(state, values[i], values[i] == null ? null : now, now);
            state = r.state();
            out.add(r.change() + ":" + (state.noData() ? "no-data" : state.level() == null ? "ok" : state.level().dbValue()));
        }
        return out;
    }

    @Test
    void raiseEscalateLowerClearAndReRaise() {
        assertThat(run(rule(1, null), 50.0, 72.0, 101.0, 90.0, 80.0, 60.0, 75.0)).containsExactly(
                "NONE:ok", "RAISED:yellow", "ESCALATED:red", "NONE:red", "LOWERED:orange", "CLEARED:ok", "RAISED:yellow");
    }

    @Test
    void noFlappingInsideTheHysteresisBand() {
        // around the yellow threshold 70: it only clears below 63
        assertThat(run(rule(1, null), 71.0, 69.0, 70.5, 64.0, 69.9, 62.9, 66.0)).containsExactly(
                "RAISED:yellow", "NONE:yellow", "NONE:yellow", "NONE:yellow", "NONE:yellow", "CLEARED:ok", "NONE:ok");
    }

    @Test
    void pendingEvaluationsBeforeRaising() {
        assertThat(run(rule(3, null), 80.0, 80.0, 50.0, 80.0, 80.0, 80.0, 120.0, 120.0, 120.0)).containsExactly(
                "NONE:ok", "NONE:ok", "NONE:ok", "NONE:ok", "NONE:ok", "RAISED:yellow", "NONE:yellow", "NONE:yellow", "ESCALATED:red");
    }

    @Test
    void pendingDurationBeforeRaising() {
        // 20 minutes above 70 needed; evaluations every 10 minutes
        assertThat(run(rule(1, 1200L), 75.0, 75.0, 75.0)).containsExactly("NONE:ok", "NONE:ok", "RAISED:yellow");
    }

    @Test
    void silenceIsNoDataNeverOk() {
        assertThat(run(rule(1, null), 50.0, null, null, 50.0, 75.0)).containsExactly(
                "NONE:ok", "NO_DATA:no-data", "NONE:no-data", "DATA_BACK:ok", "RAISED:yellow");
        LevelTracker tracker = new LevelTracker(rule(1, null));
        LevelTracker.Result stale = tracker.evaluate(LevelTracker.State.OK, 50.0, T0, T0.plusSeconds(3601));
        assertThat(stale.change()).isEqualTo(LevelTracker.Change.NO_DATA);
    }
}
