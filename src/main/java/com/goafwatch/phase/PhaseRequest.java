package com.goafwatch.phase;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestTime;

/** Body of phase create and update; {@code status} defaults to {@code planned}. */
public record PhaseRequest(
        @NotNull @Min(1) @Max(99) Integer ordinal,
        @NotBlank @Size(max = 200) String name,
        String status,
        LocalDate worksPlannedStart, LocalDate worksPlannedEnd, LocalDate worksActualStart, LocalDate worksActualEnd,
        LocalDate testingPlannedEnd, LocalDate testingActualEnd, LocalDate acceptancePlanned, LocalDate acceptanceActual,
        @Size(max = 4000) String description) {

    /** A 400 naming the first date outside {@link RequestTime}'s range: acceptance and reports read InfluxDB around these dates. */
    void requireDatesInRange() {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        dates.put("worksPlannedStart", worksPlannedStart);
        dates.put("worksPlannedEnd", worksPlannedEnd);
        dates.put("worksActualStart", worksActualStart);
        dates.put("worksActualEnd", worksActualEnd);
        dates.put("testingPlannedEnd", testingPlannedEnd);
        dates.put("testingActualEnd", testingActualEnd);
        dates.put("acceptancePlanned", acceptancePlanned);
        dates.put("acceptanceActual", acceptanceActual);
        dates.forEach((field, date) -> {
            if (date != null && !RequestTime.accepts(date)) {
                throw ApiException.badRequest("invalid-time-range", RequestTime.outOfRange(field, date)).with("parameter", field);
            }
        });
    }
}
