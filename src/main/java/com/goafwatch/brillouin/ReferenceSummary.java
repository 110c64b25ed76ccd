package com.goafwatch.brillouin;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A stored reference trace without its samples: what the history lists and an upload answers. */
public record ReferenceSummary(long id, long cableId, Instant takenAt, String shiftKind, int sampleCount, double firstDistanceM,
        double lastDistanceM, boolean hasReferenceFiber, boolean hasTemperature, String samplesSha256, String note,
        OffsetDateTime createdAt) {
}
