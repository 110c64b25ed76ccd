package com.goafwatch.forecast;

/**
 * When settlement counts as stable: the mean rate over the last {@code windowDays} days at or below
 * {@code maxRateMmPerDay} (JGJ 8-2016 practice: about 0.01–0.04 mm/d over 100 days, chosen by the ground; the project
 * sets it).
 */
public record StabilityCriterion(int windowDays, double maxRateMmPerDay) {

    public StabilityCriterion {
        if (windowDays < 1 || !(maxRateMmPerDay > 0)) {
            throw new IllegalArgumentException("a stability criterion needs a window ≥ 1 d and a positive rate");
        }
    }
}
