package com.goafwatch.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Forecasts a marker's settlement from its readings (pure). All three models are fitted; the usable one with the
 * smallest RMS residual is used. The stability date is the first day t at which the curve's mean rate over the
 * criterion's window, (s(t) − s(t − W)) / W, is at or below the limit — searched from the last reading (and no earlier
 * than one full window after the first reading) up to 20 years ahead; the rate of every model falls monotonically, so
 * bisection finds it. The 95 % band is the 2.5–97.5 percentile range of final settlement and date over parameter sets
 * drawn from the fit's uncertainty.
 */
public final class SettlementForecaster {

    /** Fewest readings and shortest span a forecast is attempted on. */
    public static final int MIN_READINGS = 6;
    public static final double MIN_SPAN_DAYS = 60;
    static final double HORIZON_DAYS = 20 * 365.25;

    private SettlementForecaster() {
    }

    /**
     * @param firstDay the day of the first reading (t = 0)
     * @param tDays    days since the first reading, ascending, starting at 0
     * @param sMm      settlement at those times, mm, positive downward
     */
    public static SettlementForecast forecast(LocalDate firstDay, double[] tDays, double[] sMm, StabilityCriterion criterion) {
        if (tDays.length != sMm.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        Double observed = observedRate(tDays, sMm, criterion.windowDays());
        if (tDays.length < MIN_READINGS || tDays[tDays.length - 1] - tDays[0] < MIN_SPAN_DAYS) {
            return SettlementForecast.without(SettlementForecast.Status.INSUFFICIENT_DATA, tDays.length + " readings over "
                    + (tDays.length == 0 ? 0 : Math.round(tDays[tDays.length - 1] - tDays[0])) + " days; a forecast needs at least "
                    + MIN_READINGS + " over " + (int) MIN_SPAN_DAYS + " days", observed, criterion, List.of());
        }
        double tLast = tDays[tDays.length - 1];
        double searchFrom = Math.max(tLast, criterion.windowDays());
        List<CurveFit> fits = List.of(CurveFitter.fit(SettlementModel.HYPERBOLIC, tDays, sMm), AsaokaFitter.fit(tDays, sMm),
                CurveFitter.fit(SettlementModel.KNOTHE, tDays, sMm));
        List<SettlementForecast.ModelResult> results = new ArrayList<>();
        for (CurveFit f : fits) {
            results.add(f.usable() ? new SettlementForecast.ModelResult(f.model(), true, round(f.model().finalMm(f.params())),
                    round(f.rmsMm()), day(firstDay, stableAt(f.model(), f.params(), searchFrom, criterion)), null)
                    : new SettlementForecast.ModelResult(f.model(), false, null, null, null, f.failure()));
        }
        CurveFit best = fits.stream().filter(CurveFit::usable).min(Comparator.comparingDouble(CurveFit::rmsMm)).orElse(null);
        if (best == null) {
            return SettlementForecast.without(SettlementForecast.Status.NOT_SETTLING,
                    "no model settles towards a final value: movement continues or the readings are scatter", observed, criterion,
                    results);
        }
        SettlementModel m = best.model();
        double[] p = best.params();
        double finalMm = m.finalMm(p);
        double latest = m.valueMm(p, tLast);
        double stable = stableAt(m, p, searchFrom, criterion);

        double[] finals = best.draws().stream().filter(m::decays).mapToDouble(m::finalMm).sorted().toArray();
        double[] dates = best.draws().stream().filter(m::decays).mapToDouble(d -> stableAt(m, d, searchFrom, criterion)).sorted()
                .toArray();
        boolean band = finals.length >= CurveFitter.DRAWS / 2;
        return new SettlementForecast(SettlementForecast.Status.FORECAST, null, m, round(latest), round(finalMm),
                band ? round(percentile(finals, 0.025)) : null, band ? round(percentile(finals, 0.975)) : null,
                round(finalMm - latest), day(firstDay, stable), band ? day(firstDay, percentile(dates, 0.025)) : null,
                band ? day(firstDay, percentile(dates, 0.975)) : null, observed, criterion, results,
                projection(firstDay, m, p, band ? best.draws().stream().filter(m::decays).toList() : List.of(), tLast, stable));
    }

    /** 40 steps from the first reading to 30 % beyond the stability date (or a year past the last reading). */
    private static List<SettlementForecast.ProjectedPoint> projection(LocalDate firstDay, SettlementModel m, double[] p, List<double[]> draws,
            double tLast, double stable) {
        double end = Math.min(Double.isFinite(stable) ? Math.max(stable * 1.3, tLast + 30) : tLast + 365, tLast + HORIZON_DAYS);
        List<SettlementForecast.ProjectedPoint> out = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double t = Math.round(end * i / 40.0);
            Double low = null;
            Double high = null;
            if (!draws.isEmpty()) {
                double[] v = draws.stream().mapToDouble(d -> m.valueMm(d, t)).sorted().toArray();
                low = round(percentile(v, 0.025));
                high = round(percentile(v, 0.975));
            }
            out.add(new SettlementForecast.ProjectedPoint(firstDay.plusDays((long) t), round(m.valueMm(p, t)), low, high));
        }
        return out;
    }

    /** First t ≥ from at which the mean rate over the window is within the limit; +∞ beyond the horizon. */
    static double stableAt(SettlementModel m, double[] p, double from, StabilityCriterion c) {
        double w = c.windowDays();
        java.util.function.DoubleUnaryOperator rate = t -> (m.valueMm(p, t) - m.valueMm(p, t - w)) / w;
        if (rate.applyAsDouble(from) <= c.maxRateMmPerDay()) {
            return from;
        }
        double lo = from;
        double hi = from + HORIZON_DAYS;
        if (rate.applyAsDouble(hi) > c.maxRateMmPerDay()) {
            return Double.POSITIVE_INFINITY;
        }
        while (hi - lo > 0.01) {
            double mid = (lo + hi) / 2;
            if (rate.applyAsDouble(mid) <= c.maxRateMmPerDay()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Least-squares rate of the readings in the last window, if they span at least half of it. */
    static Double observedRate(double[] t, double[] s, int windowDays) {
        if (t.length < 2) {
            return null;
        }
        double end = t[t.length - 1];
        int first = 0;
        while (t[first] < end - windowDays) {
            first++;
        }
        if (end - t[first] < windowDays / 2.0) {
            return null;
        }
        double[] line = Lines.fit(Arrays.copyOfRange(t, first, t.length), Arrays.copyOfRange(s, first, s.length));
        return line == null ? null : Math.round(line[1] * 10000) / 10000.0;
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static LocalDate day(LocalDate first, double t) {
        return Double.isFinite(t) ? first.plusDays((long) Math.ceil(t - 1e-9)) : null;
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }
}
