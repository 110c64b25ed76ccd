package com.goafwatch.forecast;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A parcel's forecast from its markers: the parcel is stable when its last marker is, so the marker with the latest
 * stability date governs (a marker without a date within 20 years, or not settling, governs before any dated one);
 * final and residual settlement are the largest of the markers'.
 *
 * @param status  {@code forecast} (every forecastable marker has one), {@code not_settling} (a marker does not settle
 *                within 20 years), {@code insufficient_data} (no marker has a forecast)
 * @param markers every marker's forecast
 */
public record ParcelForecast(long parcelId, String code, SettlementForecast.Status status, String governingMarker,
        SettlementModel model, Double finalMm, Double residualMm, LocalDate stableOn, LocalDate stableOnLatest,
        List<MarkerForecast> markers) {

    /** One marker's forecast and the series it was made from. */
    public record MarkerForecast(long sensorId, String code, int readings, LocalDate firstReading, LocalDate lastReading,
            SettlementForecast forecast) {
    }

    /** Combines the markers' forecasts (pure). */
    public static ParcelForecast of(long parcelId, String code, List<MarkerForecast> markers) {
        List<MarkerForecast> forecast = markers.stream()
                .filter(m -> m.forecast().status() != SettlementForecast.Status.INSUFFICIENT_DATA).toList();
        if (forecast.isEmpty()) {
            return new ParcelForecast(parcelId, code, SettlementForecast.Status.INSUFFICIENT_DATA, null, null, null, null, null, null,
                    markers);
        }
        // no date sorts last: such a marker governs
        MarkerForecast governing = forecast.stream().max(Comparator.comparing((MarkerForecast m) -> m.forecast().stableOn(),
                Comparator.nullsLast(Comparator.naturalOrder()))).orElseThrow();
        SettlementForecast g = governing.forecast();
        boolean dated = g.stableOn() != null;
        Double finalMm = forecast.stream().map(m -> m.forecast().finalMm()).filter(Objects::nonNull).max(Double::compare).orElse(null);
        Double residual = forecast.stream().map(m -> m.forecast().residualMm()).filter(Objects::nonNull).max(Double::compare).orElse(null);
        LocalDate latest = forecast.stream().map(m -> m.forecast().stableOnLatest()).anyMatch(Objects::isNull) ? null
                : forecast.stream().map(m -> m.forecast().stableOnLatest()).max(Comparator.naturalOrder()).orElse(null);
        return new ParcelForecast(parcelId, code, dated ? SettlementForecast.Status.FORECAST : SettlementForecast.Status.NOT_SETTLING,
                governing.code(), g.model(), finalMm, residual, g.stableOn(), latest, markers);
    }
}
