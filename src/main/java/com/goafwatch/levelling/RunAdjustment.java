package com.goafwatch.levelling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heights along a levelling line from a start benchmark to a closing benchmark (the same one for a loop),
 * its misclosure f = H_start + Σh − H_end, the limit ±k·√L mm (L = Σ sight distances, km) and the
 * adjusted heights: every point gets the correction −f · D/L (by distance: D the route length from the
 * start to the point) or −f · n/N (by set-ups: n set-ups from the start, N in all). A side shot takes the
 * correction at its instrument station (half a set-up / the backsight distance on). Heights in metres,
 * misclosure and corrections in millimetres. Pure.
 */
public final class RunAdjustment {

    /** How the misclosure is spread. */
    public enum Distribution {
        DISTANCE, SETUPS;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One point of the line in observation order (a turning point once, where it is first reached). */
    public record Point(String code, long line, boolean sideShot, double distanceFromStartM, double observedHeightM, double correctionMm,
            double heightM) {
    }

    public record Result(List<Point> points, int setups, double lengthKm, double misclosureMm, double toleranceMm, String rule) {

        public boolean withinTolerance() {
            return Math.abs(misclosureMm) <= toleranceMm;
        }
    }

    private RunAdjustment() {
    }

    /**
     * @param coefficientMm k of ±k·√L mm
     * @param rule          how the limit was chosen, e.g. "second order, GB/T 12897-2006: ±4√L mm"
     */
    public static Result adjust(List<Setup> setups, double startHeightM, double endHeightM, double coefficientMm, String rule,
            Distribution distribution) {
        double lengthM = setups.stream().mapToDouble(Setup::lengthM).sum();
        record Raw(String code, long line, boolean side, double d, double n, double h) {
        }
        List<Raw> raw = new ArrayList<>();
        raw.add(new Raw(setups.get(0).backPoint(), setups.get(0).line(), false, 0, 0, startHeightM));
        double d = 0;
        double h = startHeightM;
        for (int i = 0; i < setups.size(); i++) {
            Setup s = setups.get(i);
            double instrumentHeight = h + s.backReadingM();
            for (Observation side : s.intermediates()) {
                raw.add(new Raw(side.point(), side.line(), true, d + s.backDistanceM(), i + 0.5, instrumentHeight - side.readingM()));
            }
            d += s.lengthM();
            h += s.heightDifferenceM();
            raw.add(new Raw(s.forePoint(), s.line(), false, d, i + 1, h));
        }
        double misclosureMm = (h - endHeightM) * 1000;
        double toleranceMm = coefficientMm * Math.sqrt(lengthM / 1000);
        List<Point> points = new ArrayList<>(raw.size());
        for (Raw r : raw) {
            double share = distribution == Distribution.DISTANCE ? r.d() / lengthM : r.n() / setups.size();
            double correctionMm = -misclosureMm * share;
            points.add(new Point(r.code(), r.line(), r.side(), r.d(), r.h(), correctionMm, r.h() + correctionMm / 1000));
        }
        return new Result(points, setups.size(), lengthM / 1000, misclosureMm, toleranceMm, rule);
    }
}
