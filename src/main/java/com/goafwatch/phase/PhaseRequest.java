package com.goafwatch.phase;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of phase create and update; {@code status} defaults to {@code planned}. */
public record PhaseRequest(
        @NotNull @Min(1) @Max(99) Integer ordinal,
        @NotBlank @Size(max = 200) String name,
        String status,
        LocalDate worksPlannedStart, LocalDate worksPlannedEnd, LocalDate worksActualStart, LocalDate worksActualEnd,
        LocalDate testingPlannedEnd, LocalDate testingActualEnd, LocalDate acceptancePlanned, LocalDate acceptanceActual,
        @Size(max = 4000) String description) {
}
