package com.goafwatch.threshold;

import java.time.OffsetDateTime;

/**
 * The moment a cumulative metric counts from, for a parcel or a cable (exactly one of them). The newest
 * one is in force; older ones are kept as history.
 */
public record Baseline(long id, long projectId, Long parcelId, Long cableId, String metric, OffsetDateTime takenAt, String note,
        OffsetDateTime createdAt) {
}
