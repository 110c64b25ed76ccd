package com.goafwatch.parcel;

import com.goafwatch.geo.BoundingBox;

/** Filters of the parcel list; null members do not filter. */
record ParcelFilter(Long projectId, Long phaseId, ParcelStatus status, BoundingBox bbox) {
}
