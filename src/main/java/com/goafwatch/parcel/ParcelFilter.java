package com.goafwatch.parcel;

import com.goafwatch.geo.BoundingBox;

/**
 * Filters of the parcel list; null members do not filter.
 *
 * @param visibleProjects projects the caller may see (null: all)
 */
record ParcelFilter(Long projectId, Long phaseId, ParcelStatus status, BoundingBox bbox, java.util.Set<Long> visibleProjects) {

    ParcelFilter(Long projectId, Long phaseId, ParcelStatus status, BoundingBox bbox) {
        this(projectId, phaseId, status, bbox, null);
    }

    ParcelFilter visibleTo(java.util.Set<Long> projects) {
        return new ParcelFilter(projectId, phaseId, status, bbox, projects);
    }
}
