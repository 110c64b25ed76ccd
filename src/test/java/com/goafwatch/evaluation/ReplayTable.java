package com.goafwatch.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The expected-vs-observed table of the field replay: one row per expected or observed transition, each with
 * its tolerance, printed in site time so a reader can follow it against the generator's description.
 */
final class ReplayTable {

    private static final DateTimeFormatter SITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(FieldYear.SITE);

    record Row(String what, Instant expected, Instant observed, Duration early, Duration late, String note) {

        boolean ok() {
            if (expected == null || observed == null) {
                return expected == null && observed == null;
            }
            return !observed.isBefore(expected.minus(early)) && !observed.isAfter(expected.plus(late));
        }
    }

    /** A count with the most (or, with {@code exact}, exactly the number) allowed. */
    record Count(String what, int allowed, boolean exact, int observed) {

        boolean ok() {
            return exact ? observed == allowed : observed <= allowed;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Count> counts = new ArrayList<>();

    void count(String what, int allowed, boolean exact, int observed) {
        counts.add(new Count(what, allowed, exact, observed));
    }

    List<Count> countFailures() {
        return counts.stream().filter(c -> !c.ok()).toList();
    }

    void add(String what, Instant expected, Instant observed, Duration early, Duration late, String note) {
        rows.add(new Row(what, expected, observed, early, late, note));
    }

    List<Row> failures() {
        return rows.stream().filter(r -> !r.ok()).toList();
    }

    String render() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-50s %-17s %-17s %9s  %-4s %s%n", "transition", "expected (CST)",
                "observed (CST)", "Δ days", "", "note"));
        for (Row r : rows) {
            String delta = r.expected() == null || r.observed() == null ? ""
                    : String.format(Locale.ROOT, "%+.2f", Duration.between(r.expected(), r.observed()).toMinutes() / 1440.0);
            out.append(String.format(Locale.ROOT, "%-50s %-17s %-17s %9s  %-4s %s%n", r.what(), time(r.expected()), time(r.observed()),
                    delta, r.ok() ? "ok" : "FAIL", r.note() == null ? "" : r.note()));
        }
        for (Count c : counts) {
            out.append(String.format(Locale.ROOT, "%-50s %-17s %-17s %9s  %-4s%n", c.what(), (c.exact() ? "= " : "≤ ") + c.allowed(),
                    c.observed(), "", c.ok() ? "ok" : "FAIL"));
        }
        return out.toString();
    }

    private static String time(Instant t) {
        return t == null ? "never" : SITE_TIME.format(t);
    }
}
