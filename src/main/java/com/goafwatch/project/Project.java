package com.goafwatch.project;

import java.time.OffsetDateTime;

/**
 * A remediation project (for example the Rencheng strip-mining subsidence project).
 *
 * @param surveySrid the CRS the site team surveys in (EPSG code, one of 4326, 4490, 4548, 4527);
 *                   imports without an explicit {@code crs} default to it
 */
public record Project(long id, String code, String name, int surveySrid, String description,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
