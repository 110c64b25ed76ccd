package com.goafwatch.levelling;

import java.util.List;

/**
 * One instrument set-up: the mean backsight and foresight readings (two of each in BFFB), their mean
 * distances, and side shots. Height difference back → fore: {@code backReadingM − foreReadingM}.
 */
public record Setup(int number, long line, String backPoint, double backReadingM, double backDistanceM, String forePoint,
        double foreReadingM, double foreDistanceM, List<Observation> intermediates) {

    public double heightDifferenceM() {
        return backReadingM - foreReadingM;
    }

    public double lengthM() {
        return backDistanceM + foreDistanceM;
    }
}
