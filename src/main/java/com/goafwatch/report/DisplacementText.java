package com.goafwatch.report;

import java.util.ArrayList;
import java.util.List;

import com.goafwatch.survey.DisplacementSeries;

/**
 * The horizontal-displacement part of the monitoring section (GB 51180-2016 12.3.8): which markers are surveyed, and every
 * survey in the window with its displacement from the marker's baseline — east, north, the horizontal magnitude and its
 * grid bearing with the compass point — in the report's language and the site's days.
 */
final class DisplacementText {

    private static final String[] POINTS = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};

    private DisplacementText() {
    }

    /** The sentence on the layout: how many markers are surveyed and in which CRS, or that none is. */
    static String layout(List<ReportContent.SurveyedMarker> survey, ReportText t) {
        if (survey.isEmpty()) {
            return t.get("displacementNone");
        }
        String crs = String.join(t.get("listSep"), survey.stream().map(ReportContent.SurveyedMarker::crs).distinct().toList());
        return String.format(java.util.Locale.ROOT, t.get("displacementLayout"), survey.size(), crs);
    }

    static String[] layoutHeader(ReportText t) {
        return new String[] {t.get("marker"), t.get("parcel"), t.get("baselineSurvey"), t.get("surveys")};
    }

    static List<String[]> layoutRows(List<ReportContent.SurveyedMarker> survey, ReportText t) {
        return survey.stream().map(m -> new String[] {m.code(), m.parcel(), t.day(m.baselineAt()), String.valueOf(m.readings().size())})
                .toList();
    }

    static String[] resultHeader(ReportText t) {
        return new String[] {t.get("marker"), t.get("date"), t.get("eastMm"), t.get("northMm"), t.get("horizontalMm"), t.get("direction")};
    }

    static List<String[]> resultRows(List<ReportContent.SurveyedMarker> survey, ReportText t) {
        List<String[]> rows = new ArrayList<>();
        for (ReportContent.SurveyedMarker m : survey) {
            for (DisplacementSeries.Reading r : m.readings()) {
                rows.add(new String[] {m.code(), t.day(r.time()), signed(r.eastMm()), signed(r.northMm()), PdfReportWriter.fmt(r.horizontalMm(), 1),
                        direction(r.azimuthDeg(), t)});
            }
        }
        return rows;
    }

    /** "143.1°（东南）": the grid bearing clockwise from grid north and its compass point; "–" for a marker that has not moved. */
    static String direction(Double azimuthDeg, ReportText t) {
        if (azimuthDeg == null) {
            return "–";
        }
        String point = POINTS[(int) Math.floor(((azimuthDeg + 22.5) % 360) / 45)];
        return PdfReportWriter.fmt(azimuthDeg, 1) + "°" + t.get("lp") + t.get("dir." + point) + t.get("rp");
    }

    private static String signed(double mm) {
        String v = PdfReportWriter.fmt(mm, 1);
        return mm > 0 && !v.equals("0.0") ? "+" + v : v.equals("-0.0") ? "0.0" : v;
    }
}
