package com.goafwatch.monitoring;

import java.util.List;

/** Settlement rates. Positive rate: the ground is going down. */
final class SettlementRates {

    private SettlementRates() {
    }

    /** Slope of the least-squares line through the readings, mm/d; null with fewer than two distinct times. */
    static Double leastSquaresMmPerDay(List<SettlementSeries.Reading> readings) {
        int n = readings.size();
        if (n < 2) {
            return null;
        }
        double t0 = readings.get(0).time().toEpochMilli();
        double sumT = 0;
        double sumV = 0;
        for (SettlementSeries.Reading r : readings) {
            sumT += (r.time().toEpochMilli() - t0) / 86_400_000.0;
            sumV += r.settlementMm();
        }
        double meanT = sumT / n;
        double meanV = sumV / n;
        double sxx = 0;
        double sxy = 0;
        for (SettlementSeries.Reading r : readings) {
            double dt = (r.time().toEpochMilli() - t0) / 86_400_000.0 - meanT;
            sxx += dt * dt;
            sxy += dt * (r.settlementMm() - meanV);
        }
        return sxx == 0 ? null : sxy / sxx;
    }
}
