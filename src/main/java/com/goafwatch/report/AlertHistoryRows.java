package com.goafwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The report's alert history as table rows, the same in the PDF and the .docx: real alerts first, in full; the
 * sensors' silences (no-data alerts) summarised, one row per parcel and rule, so they cannot bury the real ones.
 */
final class AlertHistoryRows {

    private AlertHistoryRows() {
    }

    static List<ReportContent.AlertRow> real(List<ReportContent.AlertRow> alerts) {
        return alerts.stream().filter(a -> !"no_data".equals(a.kind())).toList();
    }

    static String[] realHeader(ReportText t) {
        return new String[] {t.get("parcel"), t.get("rule"), t.get("level"), t.get("value"), t.get("raised"), t.get("ack"), t.get("cleared"),
                t.get("notes")};
    }

    static List<String[]> realRows(List<ReportContent.AlertRow> alerts, ReportText t) {
        return real(alerts).stream().map(a -> new String[] {a.parcel(), a.rule(), t.level(a.level()) + (a.peakLevel() != null
                && !a.peakLevel().equals(a.level()) ? t.get("lp") + t.level(a.peakLevel()) + t.get("rp") : ""),
                a.value() == null ? "" : t.quantity(a.value(), a.unit()), t.minute(a.raisedAt()),
                a.acknowledgedAt() == null ? "" : t.minute(a.acknowledgedAt()) + " " + a.acknowledgedBy(),
                a.clearedAt() == null ? "" : t.minute(a.clearedAt()), String.join("\n", a.notes())}).toList();
    }

    static String[] silenceHeader(ReportText t) {
        return new String[] {t.get("parcel"), t.get("rule"), t.get("silenceCount"), t.get("silentFrom"), t.get("silentTo")};
    }

    /** One row per parcel and rule: how many silences, from the first one's start to the last one's end (or still silent). */
    static List<String[]> silenceRows(List<ReportContent.AlertRow> alerts, ReportText t) {
        Map<String, List<ReportContent.AlertRow>> silent = new TreeMap<>();
        alerts.stream().filter(a -> "no_data".equals(a.kind()))
                .forEach(a -> silent.computeIfAbsent(a.parcel() + "\u0000" + a.rule(), k -> new ArrayList<>()).add(a));
        List<String[]> rows = new ArrayList<>();
        silent.values().forEach(list -> {
            var first = list.get(0);
            boolean open = list.stream().anyMatch(a -> a.clearedAt() == null);
            var last = list.stream().map(ReportContent.AlertRow::clearedAt).filter(Objects::nonNull).max(Instant::compareTo);
            rows.add(new String[] {first.parcel(), first.rule(), String.valueOf(list.size()), t.minute(first.raisedAt()),
                    open ? t.get("stillSilent") : last.map(t::minute).orElse("")});
        });
        return rows;
    }
}
