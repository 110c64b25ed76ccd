package com.goafwatch.threshold;

import java.time.Duration;
import java.time.Instant;

/**
 * The level of one rule on one parcel over successive evaluations — the part of alerting that decides,
 * free of storage and time sources so it can be table-tested.
 * <ul>
 * <li>Raising (or escalating) to a level needs the value at or above its threshold for
 * {@code pendingEvaluations} evaluations in a row and, if set, for {@code pending} time.</li>
 * <li>Lowering needs the value below the current level's threshold × (1 − hysteresis): a value wobbling
 * around a threshold does not flap. Lowering takes effect at once.</li>
 * <li>No value, or a newest sample older than {@code noDataAfter}: the state is NO_DATA, never "ok".</li>
 * <li>A (parcel, rule) that has never seen a sample is {@link State#AWAITING}: its silence counts from when monitoring
 * began (the caller passes it: the rule's creation or its sensors' registration, whichever is later), so a marker
 * registered before its first levelling is not silent until {@code noDataAfter} has passed since then.</li>
 * <li>While accepted samples still wait in a spool ({@code deferNoData}), silence may be the backlog's: a state that
 * would newly become NO_DATA is held as it was (no change). Fresh data is judged as always, and a no-data state already
 * raised stays. The caller decides per rule (from {@link #overdueAt}) and bounds how long it defers.</li>
 * </ul>
 * Values compare as magnitudes: {@code value ≥ threshold} raises (the evaluator feeds |ε| for max_abs).
 */
public final class LevelTracker {

    /**
     * The state after an evaluation; {@code level} null means within limits (or, when {@code awaiting}, not known yet).
     *
     * @param awaiting no sample seen yet and not yet silent for {@code noDataAfter} since monitoring began: neither "ok"
     *                 nor no data
     */
    public record State(Level level, boolean noData, Level pendingLevel, int pendingCount, Instant pendingSince, boolean awaiting) {

        public static final State OK = new State(null, false, null, 0, null, false);
        /** Where a (parcel, rule) starts: nothing seen yet. */
        public static final State AWAITING = new State(null, false, null, 0, null, true);

        public State(Level level, boolean noData, Level pendingLevel, int pendingCount, Instant pendingSince) {
            this(level, noData, pendingLevel, pendingCount, pendingSince, false);
        }
    }

    /** What changed, for the alert lifecycle; NONE when nothing did. */
    public enum Change { NONE, RAISED, ESCALATED, LOWERED, CLEARED, NO_DATA, DATA_BACK }

    public record Result(State state, Change change) {
    }

    private final ThresholdRule rule;

    /** @param rule judged with its no-data age: one of its own or the derived one (never null here) */
    public LevelTracker(ThresholdRule rule) {
        if (rule.noDataAfterSeconds() == null) {
            throw new IllegalArgumentException("rule " + rule.id() + ": judge it with its effective no-data age");
        }
        this.rule = rule;
    }

    /** As {@link #evaluate(State, Double, Instant, Instant, Instant)} for a (parcel, rule) whose monitoring start is unknown. */
    public Result evaluate(State previous, Double value, Instant newestData, Instant now) {
        return evaluate(previous, value, newestData, now, null);
    }

    /**
     * @param value           the rule's statistic over its window; null when no sample was found
     * @param newestData      time of the newest sample behind the value (null when none)
     * @param monitoringBegan when monitoring of the rule's sensors on the parcel began; while {@code previous} is
     *                        {@link State#AWAITING} and nothing was found, silence counts from here (null: unknown,
     *                        silence is no data at once)
     */
    public Result evaluate(State previous, Double value, Instant newestData, Instant now, Instant monitoringBegan) {
        return evaluate(previous, value, newestData, now, monitoringBegan, false);
    }

    /**
     * @param deferNoData accepted samples are still on their way to the store: do not newly raise no data, hold
     *                    {@code previous} instead (the caller bounds the deferral)
     */
    public Result evaluate(State previous, Double value, Instant newestData, Instant now, Instant monitoringBegan, boolean deferNoData) {
        Result judged = judge(previous, value, newestData, now, monitoringBegan);
        if (deferNoData && judged.change() == Change.NO_DATA) {
            return new Result(previous, Change.NONE);
        }
        return judged;
    }

    /**
     * When the (parcel, rule) became (or becomes) overdue: its newest sample plus the no-data age, or, while it awaits its
     * first judgement, the later of that sample and the start of monitoring plus the age. Null when neither is known
     * (silent for longer than can be read).
     */
    public Instant overdueAt(State previous, Instant newestData, Instant monitoringBegan) {
        Instant from = previous.awaiting() ? later(newestData, monitoringBegan) : newestData;
        return from == null ? null : from.plusSeconds(rule.noDataAfterSeconds());
    }

    private Result judge(State previous, Double value, Instant newestData, Instant now, Instant monitoringBegan) {
        boolean stale = newestData == null || Duration.between(newestData, now).getSeconds() > rule.noDataAfterSeconds();
        // awaiting: silence before monitoring began (a sensor left silent while the rule was off) is not yet no data
        if (stale && previous.awaiting() && monitoringBegan != null
                && Duration.between(monitoringBegan, now).getSeconds() <= rule.noDataAfterSeconds()) {
            return new Result(previous, Change.NONE);
        }
        if (value == null || stale) {
            State s = new State(previous.level(), true, null, 0, null);
            return new Result(s, previous.noData() ? Change.NONE : Change.NO_DATA);
        }
        Level current = previous.level();
        Level reached = highestReached(value, 1.0);
        Level held = current == null ? null : highestHeld(value, current);
        Change change = previous.noData() ? Change.DATA_BACK : Change.NONE;
        if (reached != null && (current == null || reached.ordinal() > current.ordinal())) {
            int count = reached == previous.pendingLevel() ? previous.pendingCount() + 1 : 1;
            Instant since = reached == previous.pendingLevel() ? previous.pendingSince() : now;
            boolean longEnough = rule.pendingSeconds() == null || Duration.between(since, now).getSeconds() >= rule.pendingSeconds();
            if (count >= rule.pendingEvaluations() && longEnough) {
                return new Result(new State(reached, false, null, 0, null), current == null ? Change.RAISED : Change.ESCALATED);
            }
            return new Result(new State(held, false, reached, count, since), held == current ? change : lowered(held));
        }
        return new Result(new State(held, false, null, 0, null), held == current ? change : lowered(held));
    }

    /**
     * Fresh samples but no value from them (none inside a window shorter than the no-data age, or none that the
     * statistic can use, e.g. tilt without a neighbouring marker): not silence. The level is kept; a no-data state
     * ends (the sensors report again), and a (parcel, rule) awaiting its first sample has now seen one.
     */
    public static Result freshWithoutValue(State previous) {
        if (previous.noData()) {
            return new Result(new State(previous.level(), false, null, 0, null), Change.DATA_BACK);
        }
        return new Result(previous.awaiting() ? State.OK : previous, Change.NONE);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Change lowered(Level to) {
        return to == null ? Change.CLEARED : Change.LOWERED;
    }

    /** Highest level whose threshold × factor the value reaches. */
    private Level highestReached(double value, double factor) {
        Level best = null;
        for (Level l : Level.values()) {
            Double t = rule.threshold(l);
            if (t != null && value >= t * factor) {
                best = l;
            }
        }
        return best;
    }

    /** The level kept: the current one until the value falls below its threshold × (1 − hysteresis), then the next held one. */
    private Level highestHeld(double value, Level current) {
        Level best = null;
        for (Level l : Level.values()) {
            Double t = rule.threshold(l);
            if (l.ordinal() <= current.ordinal() && t != null && value >= t * (1 - rule.hysteresisFraction())) {
                best = l;
            }
        }
        return best;
    }
}
