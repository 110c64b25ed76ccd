package com.goafwatch.project;

import java.time.ZoneId;

/**
 * The time zone of a project's site: where its days begin and end. Daily extremes, daily means and "days of
 * observation" are cut at the site's midnight, never at UTC's (00:00 UTC is 08:00 at a site in China, so a
 * UTC day mixes two site days). One lookup, so the zone can later come from the project's own record.
 */
public interface SiteZones {

    /** @return the zone of the project's site; never null (unknown projects get the configured default) */
    ZoneId zoneOf(long projectId);
}
