package com.goafwatch.report;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the report concludes for one parcel, following its evidence.
 *
 * @param kind          what is to be done
 * @param damageClass   the building-damage class (I–III) whose horizontal-strain limit the project's fiber-strain
 *                      criterion is (I: ≤ 2000 µε); the parcel fits building of that class when it meets
 * @param observeUntil  for {@code continue_observation}: the later of the end of the minimum observation period and
 *                      the forecast date the stability criterion is met; null when no forecast can be given yet
 * @param criteria      the criteria behind the conclusion (failing or lacking data), in the verdict's order
 */
public record ParcelConclusion(String parcel, double areaMu, Kind kind, String damageClass, LocalDate observeUntil,
        List<String> criteria) {

    /** The four conclusions a panel can act on. */
    public enum Kind {
        /** Meets every criterion: fit for construction. */
        FIT("fit_for_construction"),
        /** Treatment and QA are in order; only the monitoring is not yet conclusive. */
        CONTINUE_OBSERVATION("continue_observation"),
        /** A QA criterion fails: remedial treatment, then re-testing. */
        REMEDIAL("remedial_and_retest"),
        /** QA tests or grouting records are missing (nothing fails): complete them. */
        COMPLETE_TESTS("complete_tests");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }
}
