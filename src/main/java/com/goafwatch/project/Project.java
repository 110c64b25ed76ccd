package com.goafwatch.project;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A remediation project (for example the Rencheng strip-mining subsidence project).
 *
 * @param surveySrid       the CRS the site team surveys in (EPSG code, one of 4326, 4490, 4548, 4527);
 *                         imports without an explicit {@code crs} default to it
 * @param extent           where its parcels may lie: [minLon, minLat, maxLon, maxLat] in degrees, the configured one or
 *                         the default of its survey CRS zone ({@link com.goafwatch.geo.ProjectExtent})
 * @param extentConfigured true when {@code extent} was set for this project, false for the default
 * @param timeZone         IANA zone whose days the site works in (daily extremes, charts, reports): the project's own,
 *                         else {@code goafwatch.ingest.site-zone}
 * @param timeZoneConfigured true when {@code timeZone} was set for this project
 * @param fiberIntervalSeconds     expected time between fiber traces for cables without their own (null: 1 d)
 * @param levellingIntervalSeconds expected time between levellings of settlement markers without their own (null: 15 d,
 *                                 the half-monthly monitoring of GB 51180-2016 ch. 12)
 */
public record Project(long id, String code, String name, int surveySrid, String description,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Double> extent, boolean extentConfigured, String timeZone,
        boolean timeZoneConfigured, Long fiberIntervalSeconds, Long levellingIntervalSeconds) {
}
