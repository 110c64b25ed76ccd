package com.goafwatch.parcel;

import java.time.OffsetDateTime;

/**
 * A stored parcel as read for output.
 *
 * @param geometryJson GeoJSON geometry text in the CRS the query asked for (x/y order)
 * @param areaM2       area in m² measured in EPSG:4548
 * @param areaMu       the same area in mu
 * @param flagLevel    red/orange/yellow/blue, no_data, ok, unknown or not_monitored ({@link ParcelLevelSql})
 */
record ParcelRow(long id, long projectId, long phaseId, int phaseOrdinal, String code, String name, String landUse,
        String status, double areaM2, double areaMu, OffsetDateTime updatedAt, String geometryJson, String geometryWkt, String flagLevel) {
}
