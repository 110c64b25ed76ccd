package com.goafwatch.acceptance;

import java.time.LocalDate;

/** A QA test with its judgement against the criteria ({@code passed} null: cannot be judged, with the reason). */
public record QaResult(long id, String code, String type, String borehole, Long parcelId, String parcel, LocalDate testedOn,
        String fluidLoss, Double reinjectionM3, Double neighbourMeanTakeM3, Double coreStrengthMpa, Double waveVelocityMs,
        Boolean defectFound, String notes, Boolean passed, String reason) {
}
