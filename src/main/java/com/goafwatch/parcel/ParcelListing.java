package com.goafwatch.parcel;

/**
 * One line of a project's parcel list for the web map's search suggestions and filters: what names a parcel and its
 * flag level, no shape, area or dates (the map draws shapes from vector tiles; a parcel's panel fetches the rest).
 */
public record ParcelListing(long id, String code, String name, long phaseId, int phase, String flagLevel) {
}
