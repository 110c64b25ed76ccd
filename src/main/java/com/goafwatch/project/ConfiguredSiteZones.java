package com.goafwatch.project;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every project's site lies in the zone of {@code goafwatch.ingest.site-zone} (default Asia/Shanghai), the
 * zone ingestion already reads local timestamps in. Replace with a lookup of the project's own zone when
 * projects carry one.
 */
@Component
class ConfiguredSiteZones implements SiteZones {

    private final ZoneId zone;

    ConfiguredSiteZones(@Value("${goafwatch.ingest.site-zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId zoneOf(long projectId) {
        return zone;
    }
}
