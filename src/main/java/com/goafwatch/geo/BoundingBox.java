package com.goafwatch.geo;

import java.util.Locale;

/**
 * An axis-aligned box in a given CRS, x/y order. Parsed from the OGC API text form
 * {@code minx,miny,maxx,maxy}.
 */
public record BoundingBox(double minX, double minY, double maxX, double maxY, SupportedCrs crs) {

    /**
     * @throws IllegalArgumentException naming what is wrong: count of numbers, non-numbers, inverted
     *                                  corners, or corners outside the CRS's range
     */
    public static BoundingBox parse(String text, SupportedCrs crs) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bbox must be four comma-separated numbers minx,miny,maxx,maxy; got "
                    + parts.length + " value(s)");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bbox value " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("bbox value " + (i + 1) + " is not finite");
            }
        }
        if (v[0] > v[2] || v[1] > v[3]) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bbox minimum corner (%s %s) is above or right of its maximum corner (%s %s)", v[0], v[1], v[2], v[3]));
        }
        BoundingBox box = new BoundingBox(v[0], v[1], v[2], v[3], crs);
        if (!crs.contains(new org.locationtech.jts.geom.Coordinate(v[0], v[1]))
                || !crs.contains(new org.locationtech.jts.geom.Coordinate(v[2], v[3]))) {
            throw new IllegalArgumentException("bbox " + text + " lies outside the range of " + crs.code()
                    + " (" + crs.rangeText() + "); is bbox-crs right?");
        }
        return box;
    }
}
