package com.goafwatch.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of project create and update. {@code surveyCrs} is an EPSG code such as {@code EPSG:4548}; {@code extent}
 * ([minLon, minLat, maxLon, maxLat], optional) bounds where its parcels may lie (default: the survey CRS zone).
 * {@code timeZone} (IANA, optional; default the configured site zone), {@code fiberIntervalSeconds} and
 * {@code levellingIntervalSeconds} (optional, 1 s to 366 d) are the monitoring cadence defaults.
 */
public record ProjectRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "1-64 letters, digits, '.', '_' or '-'") String code,
        @NotBlank @Size(max = 200) String name,
        String surveyCrs,
        @Size(max = 4000) String description,
        java.util.List<Double> extent,
        @Size(max = 64) String timeZone,
        @jakarta.validation.constraints.Positive @jakarta.validation.constraints.Max(31_622_400) Long fiberIntervalSeconds,
        @jakarta.validation.constraints.Positive @jakarta.validation.constraints.Max(31_622_400) Long levellingIntervalSeconds) {
}
