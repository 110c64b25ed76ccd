package com.goafwatch.levelling;

import java.time.OffsetDateTime;

/** A benchmark of known height (metres, in the project's height datum, e.g. 1985 National Height Datum). */
public record Benchmark(long id, long projectId, String code, double heightM, String description, OffsetDateTime createdAt) {
}
