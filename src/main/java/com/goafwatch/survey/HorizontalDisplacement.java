package com.goafwatch.survey;

/**
 * How far a surveyed point has moved from its baseline, in millimetres: east and north along the grid axes of the
 * survey CRS, height positive up (so a settling point has a negative {@code heightMm}). The azimuth is the grid
 * bearing of the movement, clockwise from grid north, in [0, 360); it is {@code null} for a point that has not
 * moved horizontally, whose direction means nothing.
 */
public record HorizontalDisplacement(double eastMm, double northMm, double heightMm) {

    public static HorizontalDisplacement between(SurveyPoint baseline, SurveyPoint now) {
        return new HorizontalDisplacement((now.eastingM() - baseline.eastingM()) * 1000.0, (now.northingM() - baseline.northingM()) * 1000.0,
                (now.heightM() - baseline.heightM()) * 1000.0);
    }

    /** Length of the horizontal vector. */
    public double magnitudeMm() {
        return Math.hypot(eastMm, northMm);
    }

    public Double azimuthDeg() {
        if (eastMm == 0 && northMm == 0) {
            return null;
        }
        double deg = Math.toDegrees(Math.atan2(eastMm, northMm));
        return deg < 0 ? deg + 360.0 : deg;
    }
}
