package com.goafwatch.project;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A project's site zone: the project's own {@code timeZone} (IANA, validated when set), else
 * {@code goafwatch.ingest.site-zone} (default Asia/Shanghai), the zone ingestion reads local timestamps in.
 * Unknown projects get the configured zone.
 */
@Component
class ConfiguredSiteZones implements SiteZones {

    private final ZoneId zone;
    private final JdbcClient jdbc;

    ConfiguredSiteZones(@Value("${goafwatch.ingest.site-zone:Asia/Shanghai}") ZoneId zone, JdbcClient jdbc) {
        this.zone = zone;
        this.jdbc = jdbc;
    }

    @Override
    public ZoneId zoneOf(long projectId) {
        String own = jdbc.sql("SELECT COALESCE(time_zone, '') FROM project WHERE id = ?").param(projectId).query(String.class).optional()
                .orElse("");
        return own.isEmpty() ? zone : ZoneId.of(own);
    }
}
