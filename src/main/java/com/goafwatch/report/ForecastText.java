package com.goafwatch.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.goafwatch.forecast.ParcelForecast;
import com.goafwatch.forecast.SettlementForecast;
import com.goafwatch.forecast.SettlementModel;

/** The forecast tables and the conclusions as the report's rows and sentences, in the report's language. */
final class ForecastText {

    private ForecastText() {
    }

    static String method(ReportContent.Forecasts f, ReportText t) {
        return String.format(Locale.ROOT, t.get("forecastMethod"), f.criterion().windowDays(),
                PdfReportWriter.fmt(f.criterion().maxRateMmPerDay(), 3));
    }

    static String[] parcelHeader(ReportText t) {
        return new String[] {t.get("parcel"), t.get("forecastStatus"), t.get("governingMarker"), t.get("model"), t.get("finalMm"),
                t.get("residualMm"), t.get("stableOn")};
    }

    static List<String[]> parcelRows(ReportContent.Forecasts f, ReportText t) {
        return f.parcels().stream().map(p -> new String[] {p.code(), t.get(p.status().json()), dash(p.governingMarker()),
                p.model() == null ? "–" : t.get(p.model().json()), mm(p.finalMm()), mm(p.residualMm()),
                p.status() == SettlementForecast.Status.FORECAST ? date(p.stableOn(), null, p.stableOnLatest(), lastReading(p), t) : "–"})
                .toList();
    }

    static String[] markerHeader(ReportText t) {
        return new String[] {t.get("marker"), t.get("parcel"), t.get("readings"), t.get("model"), t.get("finalMm"), t.get("residualMm"),
                t.get("stableOn"), t.get("rmsByModel")};
    }

    static List<String[]> markerRows(ReportContent.Forecasts f, ReportText t) {
        List<String[]> rows = new ArrayList<>();
        for (ParcelForecast p : f.parcels()) {
            for (ParcelForecast.MarkerForecast m : p.markers()) {
                SettlementForecast s = m.forecast();
                boolean ok = s.status() == SettlementForecast.Status.FORECAST;
                rows.add(new String[] {m.code(), p.code(), String.valueOf(m.readings()), ok ? t.get(s.model().json()) : t.get(s.status().json()),
                        ok ? mm(s.finalMm()) + range(s.finalLowMm(), s.finalHighMm(), t) : "–", ok ? mm(s.residualMm()) : "–",
                        ok ? date(s.stableOn(), s.stableOnEarliest(), s.stableOnLatest(), m.lastReading(), t) : "–", rms(s, t)});
            }
        }
        return rows;
    }

    /** One sentence per parcel conclusion. */
    static String conclusion(ParcelConclusion c, ReportText t) {
        String criteria = c.criteria().stream().map(t::get).collect(Collectors.joining(t.get("listSep")));
        return switch (c.kind()) {
            case FIT -> String.format(Locale.ROOT, t.get("c_fit"), c.damageClass());
            case CONTINUE_OBSERVATION -> c.observeUntil() == null ? String.format(Locale.ROOT, t.get("c_observe_open"), criteria)
                    : String.format(Locale.ROOT, t.get("c_observe"), criteria, c.observeUntil());
            case REMEDIAL -> String.format(Locale.ROOT, t.get("c_remedial"), criteria);
            case COMPLETE_TESTS -> String.format(Locale.ROOT, t.get("c_tests"), criteria);
        };
    }

    /** The phase's conclusion: area and parcels per kind, and the date observation must go on to. */
    static String phase(List<ParcelConclusion> conclusions, ReportText t) {
        List<String> parts = new ArrayList<>();
        for (ParcelConclusion.Kind k : ParcelConclusion.Kind.values()) {
            List<ParcelConclusion> of = conclusions.stream().filter(c -> c.kind() == k).toList();
            if (of.isEmpty()) {
                continue;
            }
            String codes = of.stream().map(ParcelConclusion::parcel).collect(Collectors.joining(t.get("listSep")));
            double mu = of.stream().mapToDouble(ParcelConclusion::areaMu).sum();
            LocalDate until = of.stream().map(ParcelConclusion::observeUntil).filter(java.util.Objects::nonNull).max(LocalDate::compareTo)
                    .orElse(null);
            boolean undated = of.stream().anyMatch(c -> c.observeUntil() == null);
            String what = k == ParcelConclusion.Kind.CONTINUE_OBSERVATION && until != null && !undated
                    ? String.format(Locale.ROOT, t.get("p_observe"), until)
                    : k == ParcelConclusion.Kind.FIT ? String.format(Locale.ROOT, t.get("p_fit"), of.get(0).damageClass()) : t.get("p_" + k.json());
            parts.add(String.format(Locale.ROOT, t.get("p_part"), of.size(), PdfReportWriter.fmt(mu, 1), codes, what));
        }
        return String.join(t.get("sentenceSep"), parts) + t.get("sentenceEnd");
    }

    /** "met by the last reading", or the date with its band, or "not within 20 years". */
    private static String date(LocalDate on, LocalDate earliest, LocalDate latest, LocalDate lastReading, ReportText t) {
        if (on == null) {
            return t.get("beyondHorizon");
        }
        if (lastReading != null && !on.isAfter(lastReading) && (latest == null || !latest.isAfter(lastReading) || earliest == null)) {
            return latest != null && !latest.isAfter(lastReading) ? t.get("metAlready") : on + band(earliest, latest, t);
        }
        return on + band(earliest, latest, t);
    }

    private static LocalDate lastReading(ParcelForecast p) {
        return p.markers().stream().map(ParcelForecast.MarkerForecast::lastReading).filter(java.util.Objects::nonNull)
                .max(LocalDate::compareTo).orElse(null);
    }

    private static String rms(SettlementForecast s, ReportText t) {
        Function<SettlementForecast.ModelResult, String> one = r -> t.get(r.model().json() + "Short") + " "
                + (r.usable() ? PdfReportWriter.fmt(r.rmsMm(), 2) : "–");
        return s.models().stream().map(one).collect(Collectors.joining(" / "));
    }

    private static String band(LocalDate from, LocalDate to, ReportText t) {
        if (from == null && to == null) {
            return "";
        }
        return t.get("lp") + (from == null ? "" : from + " – ") + (to == null ? t.get("beyondHorizon") : to.toString()) + t.get("rp");
    }

    private static String range(Double low, Double high, ReportText t) {
        return low == null || high == null ? "" : t.get("lp") + mm(low) + "–" + mm(high) + t.get("rp");
    }

    private static String mm(Double v) {
        return v == null ? "–" : PdfReportWriter.fmt(v, 1);
    }

    private static String dash(String s) {
        return s == null ? "–" : s;
    }

    static String model(SettlementModel m, ReportText t) {
        return t.get(m.json());
    }
}
