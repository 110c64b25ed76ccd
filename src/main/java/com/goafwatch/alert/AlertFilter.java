package com.goafwatch.alert;

import java.time.Instant;
import java.util.Set;

/** Filters of the alert list; null fields do not filter. {@code visibleProjects} null: all. */
record AlertFilter(Long projectId, Set<Long> visibleProjects, String state, String level, String kind, Long phaseId, Long parcelId,
        Instant from, Instant to, int limit, int offset) {
}
