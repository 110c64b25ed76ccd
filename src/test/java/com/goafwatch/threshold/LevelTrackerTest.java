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

    /**
     * Runs values (null: no sample at all) at 10-minute evaluations from {@code start}, monitoring having begun at
     * {@code began}; returns "change:state" per step, state "awaiting" while the first sample is awaited.
     */
    private static List<String> runFrom(LevelTracker.State start, Instant began, Double... values) {
        LevelTracker tracker = new LevelTracker(rule(1, null));
        LevelTracker.State state = start;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant now = T0.plusSeconds(600L * i);
            LevelTracker.Result r = tracker.evaluate(state, values[i], values[i] == null ? null : now, now, began);
            state = r.state();
            out.add(r.change() + ":" + describe(state));
        }
        return out;
    }

    private static String describe(LevelTracker.State s) {
        return s.awaiting() ? "awaiting" : s.noData() ? "no-data" : s.level() == null ? "ok" : s.level().dbValue();
    }

    @Test
    void neverReportedAwaitsItsFirstSampleForTheNoDataAgeSinceMonitoringBegan() {
        // no-data age 3600 s, monitoring began at T0, evaluations every 600 s: at T0+3600 (step 6) silence has lasted exactly the
        // age (not more): still awaiting; at T0+4200 (step 7) it is no data; the first sample (step 8) brings the data back
        assertThat(runFrom(LevelTracker.State.AWAITING, T0, null, null, null, null, null, null, null, null, 50.0)).containsExactly(
                "NONE:awaiting", "NONE:awaiting", "NONE:awaiting", "NONE:awaiting", "NONE:awaiting", "NONE:awaiting", "NONE:awaiting",
                "NO_DATA:no-data", "DATA_BACK:ok");
        // the first sample arrives inside the age: no alert at any step, then judged as usual
        assertThat(runFrom(LevelTracker.State.AWAITING, T0, null, null, 50.0, 75.0)).containsExactly(
                "NONE:awaiting", "NONE:awaiting", "NONE:ok", "RAISED:yellow");
        // monitoring began 50 min before the first evaluation: 60 min at step 1, 70 min (> 60) at step 2
        assertThat(runFrom(LevelTracker.State.AWAITING, T0.minusSeconds(3000), null, null, null)).containsExactly(
                "NONE:awaiting", "NONE:awaiting", "NO_DATA:no-data");
        // a marker registered ahead of its installation (monitoring begins after "now"): awaiting
        assertThat(runFrom(LevelTracker.State.AWAITING, T0.plusSeconds(86_400), null, null)).containsExactly("NONE:awaiting", "NONE:awaiting");
        // no known start: silence is no data at once, as before
        assertThat(runFrom(LevelTracker.State.AWAITING, null, new Double[] {null})).containsExactly("NO_DATA:no-data");
        // a rule that has seen data does not await again, however recent the start: its silence is no data
        assertThat(runFrom(LevelTracker.State.OK, T0, new Double[] {null})).containsExactly("NO_DATA:no-data");
    }

    @Test
    void freshSamplesWithoutAValueAreNotSilence() {
        LevelTracker.State yellowNoData = new LevelTracker.State(Level.YELLOW, true, null, 0, null);
        LevelTracker.Result back = LevelTracker.freshWithoutValue(yellowNoData);
        assertThat(back.change()).isEqualTo(LevelTracker.Change.DATA_BACK);
        assertThat(describe(back.state())).isEqualTo("yellow");
        LevelTracker.Result first = LevelTracker.freshWithoutValue(LevelTracker.State.AWAITING);
        assertThat(first.change() + ":" + describe(first.state())).isEqualTo("NONE:ok");
        LevelTracker.State yellow = new LevelTracker.State(Level.YELLOW, false, Level.RED, 1, T0);
        assertThat(LevelTracker.freshWithoutValue(yellow)).isEqualTo(new LevelTracker.Result(yellow, LevelTracker.Change.NONE));
    }

    /** As {@link #runFrom} with the no-data deferral switched on at the steps marked true. */
    private static List<String> runDeferred(LevelTracker.State start, Instant began, boolean[] defer, Double... values) {
        LevelTracker tracker = new LevelTracker(rule(1, null));
        LevelTracker.State state = start;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant now = T0.plusSeconds(600L * i);
            LevelTracker.Result r = tracker.evaluate(state, values[i], values[i] == null ? null : now, now, began, defer[i]);
            state = r.state();
            out.add(r.change() + ":" + describe(state));
        }
        return out;
    }

    @Test
    void aBacklogStillDrainingDefersNewNoDataButNotLevels() {
        // ok, then silent while the spool drains (deferred: held ok), deferral over and still silent: no data
        assertThat(runDeferred(LevelTracker.State.OK, null, new boolean[] {false, true, true, false}, 50.0, null, null, null))
                .containsExactly("NONE:ok", "NONE:ok", "NONE:ok", "NO_DATA:no-data");
        // a held level stays held (yellow), the data that lands is judged: 101 reaches red even while deferring
        assertThat(runDeferred(LevelTracker.State.OK, null, new boolean[] {false, true, true, true}, 75.0, null, 101.0, 50.0))
                .containsExactly("RAISED:yellow", "NONE:yellow", "ESCALATED:red", "CLEARED:ok");
        // a no-data state already raised is not undone by a deferral: it stays until data comes back
        assertThat(runDeferred(LevelTracker.State.OK, null, new boolean[] {false, false, true, true}, 50.0, null, null, 60.0))
                .containsExactly("NONE:ok", "NO_DATA:no-data", "NONE:no-data", "DATA_BACK:ok");
        // a rule past its awaiting age (began 70 min before T0, age 60 min) keeps awaiting while deferred, then is silent
        assertThat(runDeferred(LevelTracker.State.AWAITING, T0.minusSeconds(4200), new boolean[] {true, true, false}, null, null, null))
                .containsExactly("NONE:awaiting", "NONE:awaiting", "NO_DATA:no-data");
        // a stale value (newest sample 3601 s old) while deferring: held, not no data
        LevelTracker.Result stale = new LevelTracker(rule(1, null)).evaluate(LevelTracker.State.OK, 50.0, T0, T0.plusSeconds(3601), null, true);
        assertThat(stale.change()).isEqualTo(LevelTracker.Change.NONE);
        assertThat(stale.state()).isEqualTo(LevelTracker.State.OK);
    }

    @Test
    void overdueCountsFromTheNewestSampleOrWhileAwaitingFromTheStartOfMonitoring() {
        LevelTracker tracker = new LevelTracker(rule(1, null)); // no-data age 3600 s
        assertThat(tracker.overdueAt(LevelTracker.State.OK, T0, T0.minusSeconds(86400))).isEqualTo(Instant.parse("2026-05-01T01:00:00Z"));
        assertThat(tracker.overdueAt(LevelTracker.State.AWAITING, null, T0)).isEqualTo(Instant.parse("2026-05-01T01:00:00Z"));
        // data seen before but none found now (silent for longer than can be read), or no start known: unknown
        assertThat(tracker.overdueAt(LevelTracker.State.OK, null, T0)).isNull();
        assertThat(tracker.overdueAt(LevelTracker.State.AWAITING, null, null)).isNull();
        // awaiting with an old sample from before monitoring (re)began: overdue an age after the start, not after the sample
        assertThat(tracker.overdueAt(LevelTracker.State.AWAITING, T0.minusSeconds(86400), T0)).isEqualTo(Instant.parse("2026-05-01T01:00:00Z"));
    }

    @Test
    void awaitingWithOnlyASampleFromBeforeMonitoringBeganCountsSilenceFromTheStart() {
        // a rule enabled again at T0 whose sensor last reported a day before (no-data age 3600 s, evaluations every 600 s):
        // awaiting up to exactly the age after T0, no data one step later; a fresh sample inside the age is judged at once
        LevelTracker tracker = new LevelTracker(rule(1, null));
        Instant lastSample = T0.minusSeconds(86_400);
        LevelTracker.State state = LevelTracker.State.AWAITING;
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= 7; i++) {
            Instant now = T0.plusSeconds(600L * i);
            LevelTracker.Result r = tracker.evaluate(state, 20.0, lastSample, now, T0);
            state = r.state();
            out.add(r.change() + ":" + describe(state));
        }
        assertThat(out).containsExactly("NONE:awaiting", "NONE:awaiting", "NONE:awaiting", "NONE:awaiting", "NONE:awaiting",
                "NONE:awaiting", "NONE:awaiting", "NO_DATA:no-data");
        assertThat(tracker.evaluate(LevelTracker.State.AWAITING, 75.0, T0.plusSeconds(1200), T0.plusSeconds(1260), T0).change())
                .isEqualTo(LevelTracker.Change.RAISED);
    }
}
