package com.goafwatch.parcel;

import org.locationtech.jts.geom.Geometry;

/**
 * A validated parcel ready to be written. The geometry is still in the client's CRS ({@code srid});
 * PostGIS transforms it to EPSG:4490 on write.
 *
 * @param index position of the feature in its batch (0-based), for error messages
 */
record ParcelDraft(int index, String code, String name, String landUse, ParcelStatus status, long phaseId,
        Geometry geometry, int srid) {
}
