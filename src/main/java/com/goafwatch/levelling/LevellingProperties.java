package com.goafwatch.levelling;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Levelling imports.
 *
 * @param defaultOrder          order assumed when a run names none (second order: settlement monitoring practice)
 * @param toleranceMmPerSqrtKm  overrides of k in ±k·√L mm, keyed {@code second}, {@code third-mountain}, …
 * @param maxLines              most lines of one raw file
 * @param maxLineLength         longest line, characters
 * @param maxReadingM           longest plausible staff reading (staffs are 2–5 m); more is a unit mistake
 * @param maxSightM             longest plausible sight distance
 */
@Validated
@ConfigurationProperties("goafwatch.levelling")
public record LevellingProperties(
        @NotNull @DefaultValue("second") String defaultOrder,
        @NotNull @DefaultValue Map<String, Double> toleranceMmPerSqrtKm,
        @Positive @DefaultValue("20000") int maxLines,
        @Positive @DefaultValue("1024") int maxLineLength,
        @Positive @DefaultValue("5") double maxReadingM,
        @Positive @DefaultValue("150") double maxSightM) {

    /** k of ±k·√L for the order and terrain: the configured override, else the standard's value. */
    public double coefficient(LevellingOrder order, boolean mountain) {
        Double configured = toleranceMmPerSqrtKm.get(order.dbValue() + (mountain ? "-mountain" : ""));
        if (configured == null && !mountain) {
            configured = toleranceMmPerSqrtKm.get(order.dbValue() + "-plain");
        }
        return configured != null ? configured : order.defaultCoefficient(mountain);
    }
}
