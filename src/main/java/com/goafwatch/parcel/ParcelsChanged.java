package com.goafwatch.parcel;

/**
 * Published inside the transaction that created, moved, reshaped or deleted parcels of a project, so
 * that features depending on parcel geometry (fiber intervals, sensor parcels) update atomically with it.
 */
public record ParcelsChanged(long projectId) {
}
