package com.goafwatch.survey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * 3-D survey imports.
 *
 * @param maxOffsetFromMapM  farthest a surveyed position may lie from the marker's mapped location, metres: more is
 *                           a wrong marker, swapped easting/northing or a different CRS, not movement
 * @param maxDisplacementMm  largest plausible movement from the marker's survey baseline (each of east, north and
 *                           height), millimetres
 * @param maxRows            most readings in one import
 * @param maxLineLength      longest CSV line, characters
 */
@Validated
@ConfigurationProperties("goafwatch.survey")
public record SurveyProperties(
        @Positive @DefaultValue("10") double maxOffsetFromMapM,
        @Positive @DefaultValue("2000") double maxDisplacementMm,
        @Positive @DefaultValue("100000") int maxRows,
        @Positive @DefaultValue("1024") int maxLineLength) {
}
