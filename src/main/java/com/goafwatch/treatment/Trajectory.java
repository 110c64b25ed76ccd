package com.goafwatch.treatment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A borehole's 3-D path from its survey by the minimum-curvature method, the industry standard for
 * directional drilling: each interval between stations is a circular arc, so a hole that builds angle
 * steadily is reproduced exactly, unlike the tangential or averaged-angle methods.
 */
public final class Trajectory {

    /** A point of the path: measured depth, offsets east and north of the collar, true vertical depth (all metres). */
    public record Point(double mdM, double eastM, double northM, double tvdM) {
    }

    private Trajectory() {
    }

    /**
     * @param stations   survey stations (any order); a hole without a station at 0 m starts vertical at the collar
     * @param totalMdM   measured depth of the hole; the last station's direction is held to it
     * @throws IllegalArgumentException naming the first bad station
     */
    public static List<Point> minimumCurvature(List<SurveyStation> stations, double totalMdM) {
        List<SurveyStation> sorted = new ArrayList<>(stations);
        sorted.sort(Comparator.comparingDouble(SurveyStation::mdM));
        for (int i = 0; i < sorted.size(); i++) {
            SurveyStation s = sorted.get(i);
            if (i > 0 && s.mdM() == sorted.get(i - 1).mdM()) {
                throw new IllegalArgumentException("two survey stations at measured depth " + s.mdM() + " m");
            }
            if (s.mdM() > totalMdM + 1e-6) {
                throw new IllegalArgumentException("survey station at " + s.mdM() + " m lies below the hole's measured depth " + totalMdM + " m");
            }
        }
        if (sorted.isEmpty() || sorted.get(0).mdM() > 0) {
            sorted.add(0, new SurveyStation(0, 0, sorted.isEmpty() ? 0 : sorted.get(0).azimuthDeg()));
        }
        SurveyStation last = sorted.get(sorted.size() - 1);
        if (last.mdM() < totalMdM - 1e-6) {
            sorted.add(new SurveyStation(totalMdM, last.inclinationDeg(), last.azimuthDeg()));
        }
        List<Point> path = new ArrayList<>(List.of(new Point(0, 0, 0, 0)));
        for (int i = 1; i < sorted.size(); i++) {
            SurveyStation a = sorted.get(i - 1);
            SurveyStation b = sorted.get(i);
            double i1 = Math.toRadians(a.inclinationDeg());
            double i2 = Math.toRadians(b.inclinationDeg());
            double a1 = Math.toRadians(a.azimuthDeg());
            double a2 = Math.toRadians(b.azimuthDeg());
            double dogleg = Math.acos(clamp(Math.cos(i2 - i1) - Math.sin(i1) * Math.sin(i2) * (1 - Math.cos(a2 - a1))));
            double ratio = dogleg < 1e-9 ? 1 : 2 / dogleg * Math.tan(dogleg / 2);
            double half = (b.mdM() - a.mdM()) / 2 * ratio;
            Point p = path.get(path.size() - 1);
            path.add(new Point(b.mdM(),
                    p.eastM() + half * (Math.sin(i1) * Math.sin(a1) + Math.sin(i2) * Math.sin(a2)),
                    p.northM() + half * (Math.sin(i1) * Math.cos(a1) + Math.sin(i2) * Math.cos(a2)),
                    p.tvdM() + half * (Math.cos(i1) + Math.cos(i2))));
        }
        return path;
    }

    private static double clamp(double cos) {
        return Math.max(-1, Math.min(1, cos));
    }
}
