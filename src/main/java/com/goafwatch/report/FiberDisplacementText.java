package com.goafwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.goafwatch.fiber.AxialDisplacement;

/**
 * Horizontal displacement along each cable from its last ground-strain profile (GB 51180-2016 12.3.8, horizontal
 * displacement from the fiber): the method and its assumptions, and per cable the anchored end, how far the integral
 * reaches, the largest |u| with its chainage and u at the end.
 */
final class FiberDisplacementText {

    private FiberDisplacementText() {
    }

    /** A cable's code and its curve (empty when its profile has fewer than two samples). */
    record CableCurve(String code, AxialDisplacement.Curve curve) {
    }

    static List<CableCurve> curves(List<ReportContent.CableRow> cables) {
        return cables.stream().map(c -> new CableCurve(c.code(), AxialDisplacement.integrate(c.profile()))).toList();
    }

    /** The method and assumption sentence, or that no cable has a profile. */
    static String method(List<CableCurve> curves, ReportText t) {
        return curves.stream().allMatch(c -> c.curve().isEmpty()) ? t.get("fiberDisplacementNone")
                : String.format(Locale.ROOT, t.get("fiberDisplacementMethod"), fmt(AxialDisplacement.GAP_FACTOR, 1));
    }

    static String[] header(ReportText t) {
        return new String[] {t.get("cableCode"), t.get("anchorM"), t.get("integratedToM"), t.get("largestMm"), t.get("atChainageM"),
                t.get("endMm")};
    }

    static List<String[]> rows(List<CableCurve> curves, ReportText t) {
        List<String[]> rows = new ArrayList<>();
        for (CableCurve c : curves) {
            if (c.curve().isEmpty()) {
                continue;
            }
            double[] first = c.curve().points().get(0);
            double[] largest = c.curve().largest();
            double[] last = c.curve().last();
            String reach = fmt(last[0], 0) + (c.curve().gapAtM() == null ? "" : t.get("lp") + t.get("fiberGap") + t.get("rp"));
            rows.add(new String[] {c.code(), fmt(first[0], 0), reach, fmt(Math.abs(largest[1]), 1), fmt(largest[0], 0), signed(last[1])});
        }
        return rows;
    }

    static String fmt(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    private static String signed(double mm) {
        String v = fmt(mm, 1);
        return mm > 0 && !v.equals("0.0") ? "+" + v : v;
    }
}
