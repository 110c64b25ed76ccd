package com.goafwatch.system;

import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;

/**
 * Translates a violated, named database constraint into a problem a client can act on. The schema's
 * constraint names are stable (see the Flyway migrations), so they are matched here rather than the
 * driver's message text.
 */
final class ConstraintMessages {

    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("project_code_uq", "a project with this code already exists"),
            Map.entry("project_code_format_ck", "project code must be 1-64 letters, digits, '.', '_' or '-'"),
            Map.entry("phase_ordinal_uq", "this project already has a phase with that ordinal"),
            Map.entry("parcel_code_per_project_uq", "a parcel with this code already exists in the project"),
            Map.entry("parcel_code_format_ck", "parcel code must be 1-64 letters, digits, '.', '_' or '-'"),
            Map.entry("parcel_geom_valid_ck", "parcel geometry is not valid after transformation to EPSG:4490"),
            Map.entry("parcel_phase_fk", "the phase does not belong to the parcel's project"),
            Map.entry("phase_works_dates_ck", "planned works end is before planned works start"),
            Map.entry("phase_works_actual_dates_ck", "actual works end is before actual works start"),
            Map.entry("phase_project_fk", "project does not exist"));

    private ConstraintMessages() {
    }

    static ApiException toProblem(DataIntegrityViolationException e) {
        String text = String.valueOf(e.getMostSpecificCause().getMessage());
        for (Map.Entry<String, String> entry : MESSAGES.entrySet()) {
            if (text.contains("\"" + entry.getKey() + "\"")) {
                return new ApiException(HttpStatus.CONFLICT, "constraint-violation", "Constraint violated",
                        entry.getValue()).with("constraint", entry.getKey());
            }
        }
        return new ApiException(HttpStatus.CONFLICT, "constraint-violation", "Constraint violated",
                "the change conflicts with stored data; nothing was written");
    }
}
