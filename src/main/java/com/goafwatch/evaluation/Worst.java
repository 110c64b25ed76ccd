package com.goafwatch.evaluation;

import java.util.Comparator;
import java.util.List;

/** Picks the value a window is judged by from per-trace (or per-bucket) observations. */
final class Worst {

    private Worst() {
    }

    /**
     * The highest observation; with the spike filter the second highest, so a level counts as reached only
     * when at least two traces reach it — one excursion in one trace (a splice reflection, a truck passing)
     * raises nothing, the same excursion in the next trace does.
     */
    static Observation of(List<Observation> observations, boolean spikeFilter) {
        if (observations.isEmpty()) {
            return null;
        }
        List<Observation> sorted = observations.stream().sorted(Comparator.comparingDouble(Observation::value).reversed()).toList();
        return spikeFilter && sorted.size() > 1 ? sorted.get(1) : sorted.get(0);
    }
}
