package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.goafwatch.threshold.Level;
import com.goafwatch.threshold.ThresholdRule;

/**
 * Spike handling that works with a lone trace. Real ground strain spans metres and persists from trace to
 * trace; a connector reflection or low-SNR outlier does neither. So a level that rests on one trace (the
 * highest trace reaching a level the second highest does not: always so for the first trace of a cable,
 * after an outage longer than the window, or at a site reading once a day) is <em>unconfirmed</em>: shown
 * with its evidence, not raised. It is confirmed by a second trace reaching the level, or spatially: the
 * exceedance holds over {@code samples} adjacent fiber positions (the gauge length) in that trace. If the
 * confirming trace is overdue (no later trace {@code overdueFactor} × the cable's interval after it), it is
 * raised anyway, marked unconfirmed: a real red is never silently dropped.
 */
final class TraceConfirmation {

    private TraceConfirmation() {
    }

    /**
     * @param judged      the value the rule is judged by (null: none yet, e.g. a lone trace awaiting its next)
     * @param unconfirmed the excess that is not confirmed, shown with the flag (null when none)
     * @param reason      why it is unconfirmed, or why it was raised anyway
     */
    record Decision(Observation judged, Observation unconfirmed, String reason) {
    }

    /**
     * @param perTrace  one observation per trace in the window, in the rule's sense (larger is worse)
     * @param sustained the highest trace's value held over the adjacent samples (null: not known)
     */
    static Decision decide(ThresholdRule rule, List<Observation> perTrace, Double sustained, int samples, Instant now,
            long intervalSeconds, double overdueFactor) {
        return decide(rule, perTrace, sustained, samples, now, intervalSeconds, overdueFactor, 0);
    }

    /**
     * @param repeatability the measurement's repeatability in the rule's unit: a confirming trace (or the held
     *                      value) confirms a level when it reaches the threshold less this; the level judged is
     *                      still the top trace's own
     */
    static Decision decide(ThresholdRule rule, List<Observation> perTrace, Double sustained, int samples, Instant now,
            long intervalSeconds, double overdueFactor, double repeatability) {
        if (perTrace.isEmpty()) {
            return new Decision(null, null, null);
        }
        List<Observation> sorted = perTrace.stream().sorted(Comparator.comparingDouble(Observation::value).reversed()).toList();
        Observation top = sorted.get(0);
        Observation best = sorted.size() > 1 ? sorted.get(1) : null;
        if (sustained != null && (best == null || sustained > best.value())) {
            best = new Observation(top.time(), Math.min(sustained, top.value()), top.evidence()
                    .noted("held over " + samples + " adjacent samples of one trace"), top.locate());
        }
        if (rank(rule, top.value()) <= (best == null ? -1 : rank(rule, best.value() + repeatability))) {
            // nothing above what is confirmed (within the repeatability): the top trace is judged as it is
            return new Decision(top, null, null);
        }
        boolean newer = perTrace.stream().anyMatch(o -> o.time().isAfter(top.time()));
        Instant due = top.time().plusSeconds(Math.round(intervalSeconds * overdueFactor));
        if (!newer && now.isAfter(due)) {
            String why = String.format(Locale.ROOT, "unconfirmed: one trace (%s); no trace since, expected every %s", top.time(),
                    describe(intervalSeconds));
            return new Decision(new Observation(top.time(), top.value(), top.evidence().unconfirmed(why), top.locate()), null, why);
        }
        String why = newer ? "not seen in the following trace(s) nor over " + samples + " adjacent samples"
                : "one trace only, not over " + samples + " adjacent samples; awaiting the next trace (due by " + due + ")";
        return new Decision(best, top, why);
    }

    /** The highest level a value reaches, as an ordinal; −1 for none. */
    static int rank(ThresholdRule rule, double value) {
        int best = -1;
        for (Level l : Level.values()) {
            Double t = rule.threshold(l);
            if (t != null && value >= t) {
                best = l.ordinal();
            }
        }
        return best;
    }

    /** Whether a value needs confirming at all: it reaches a level. */
    static boolean reachesALevel(ThresholdRule rule, double value) {
        return rank(rule, value) >= 0;
    }

    /**
     * The value held over {@code n} adjacent samples: the highest, over every run of n samples in fiber-distance
     * order without a gap wider than 1.5 × the typical spacing, of the run's lowest value. Null with fewer than n.
     *
     * @param distanceAndValue pairs {fiber distance m, value in the rule's sense}
     */
    static Double sustained(List<double[]> distanceAndValue, int n) {
        if (distanceAndValue.size() < n || n < 1) {
            return null;
        }
        List<double[]> s = distanceAndValue.stream().sorted(Comparator.comparingDouble(a -> a[0])).toList();
        double[] gaps = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            gaps[i - 1] = s.get(i)[0] - s.get(i - 1)[0];
        }
        double maxGap = gaps.length == 0 ? 0 : 1.5 * java.util.Arrays.stream(gaps).sorted().toArray()[gaps.length / 2];
        Double best = null;
        for (int start = 0; start + n <= s.size(); start++) {
            double low = Double.POSITIVE_INFINITY;
            boolean adjacent = true;
            for (int i = start; i < start + n; i++) {
                low = Math.min(low, s.get(i)[1]);
                if (i > start && s.get(i)[0] - s.get(i - 1)[0] > maxGap) {
                    adjacent = false;
                    break;
                }
            }
            if (adjacent && (best == null || low > best)) {
                best = low;
            }
        }
        return best;
    }

    private static String describe(long seconds) {
        return com.goafwatch.threshold.ReadingCadence.describe(seconds);
    }
}
