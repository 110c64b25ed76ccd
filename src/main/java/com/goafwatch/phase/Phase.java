package com.goafwatch.phase;

import java.time.LocalDate;

/**
 * A phase of a project. Dates are calendar dates in the site's local time (Asia/Shanghai); any may be
 * null while unknown.
 */
public record Phase(long id, long projectId, int ordinal, String name, String status,
        LocalDate worksPlannedStart, LocalDate worksPlannedEnd, LocalDate worksActualStart, LocalDate worksActualEnd,
        LocalDate testingPlannedEnd, LocalDate testingActualEnd, LocalDate acceptancePlanned, LocalDate acceptanceActual,
        String description) {
}
