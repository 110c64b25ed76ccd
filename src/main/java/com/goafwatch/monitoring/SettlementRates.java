package com.goafwatch.monitoring;

import java.util.List;

import com.goafwatch.geo.LeastSquaresRate;

/** Settlement rates. Positive rate: the ground is going down. */
final class SettlementRates {

    private SettlementRates() {
    }

    /** Slope of the least-squares line through the readings, mm/d; null with fewer than two distinct times. */
    static Double leastSquaresMmPerDay(List<SettlementSeries.Reading> readings) {
        return LeastSquaresRate.perDay(readings.stream().mapToLong(r -> r.time().toEpochMilli()).toArray(),
                readings.stream().mapToDouble(SettlementSeries.Reading::settlementMm).toArray());
    }
}
