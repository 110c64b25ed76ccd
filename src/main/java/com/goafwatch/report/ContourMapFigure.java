package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * The surface deformation plan (settlement contours) and trend map (settlement-rate contours) of GB 51180-2016 12.3.8:
 * a quantity per marker contoured by {@link TinContours}, the bands between contours tinted, each contour labelled
 * with its level, parcel boundaries, goaf / strip-panel outlines, marker codes with their values, the interpolated area's edge, the CRS and datum.
 */
final class ContourMapFigure {

    /** The figure and the sentence that goes under it (the method and interval, or why there are no contours). */
    record Figure(BufferedImage image, String caption) {
    }

    /** What is contoured: its legend entry, method sentence, value decimals and band colours (light → dark). */
    enum Kind {
        /** levelling resolves about 0.1 mm */
        SETTLEMENT("legendContour", "contourMethod", 0.1, "mm", new Color(0xfff3e0), new Color(0xbf360c)),
        /** 0.001 mm/d: a hundredth of a typical stability limit (0.04–0.1 mm/d) */
        RATE("legendRateContour", "trendMethod", 0.001, "mm/d", new Color(0xe3f2fd), new Color(0x0d47a1));

        final String legendKey;
        final String methodKey;
        /** the smallest contour interval: differences below it are noise of the measurement, not a pattern */
        final double resolution;
        final String unit;
        final Color light;
        final Color dark;

        Kind(String legendKey, String methodKey, double resolution, String unit, Color light, Color dark) {
            this.legendKey = legendKey;
            this.methodKey = methodKey;
            this.resolution = resolution;
            this.unit = unit;
            this.light = light;
            this.dark = dark;
        }
    }

    private static final int TARGET_LEVELS = 7;
    private static final org.locationtech.jts.geom.GeometryFactory GEOMETRY = new org.locationtech.jts.geom.GeometryFactory();

    private ContourMapFigure() {
    }

    /** Contours of {@code valueByMarker} (marker code → value; markers without a value are drawn but not used). */
    static Figure draw(MapData data, Map<String, Double> valueByMarker, Kind kind, ReportText text) {
        Envelope env = new Envelope();
        data.parcels().forEach(s -> env.expandToInclude(s.geometry().getEnvelopeInternal()));
        data.markers().forEach(s -> env.expandToInclude(s.geometry().getEnvelopeInternal()));
        if (env.isNull()) {
            return new Figure(MapFigure.empty(text), text.get("contourTooFew"));
        }
        List<TinContours.Sample> samples = new ArrayList<>();
        for (MapData.Shape m : data.markers()) {
            Double v = valueByMarker.get(m.label());
            Coordinate c = m.geometry().getCoordinate();
            if (v != null && c != null) {
                samples.add(new TinContours.Sample(c.x, c.y, v));
            }
        }
        TinContours tin = TinContours.of(samples);
        double min = samples.stream().mapToDouble(TinContours.Sample::value).min().orElse(0);
        double max = samples.stream().mapToDouble(TinContours.Sample::value).max().orElse(0);
        List<Double> levels = tin.triangles().isEmpty() ? List.of() : TinContours.levels(min, max, TARGET_LEVELS, kind.resolution);
        double step = levels.size() > 1 ? levels.get(1) - levels.get(0)
                : Math.max(kind.resolution, MapFigure.nice(Math.max(max - min, kind.resolution) / TARGET_LEVELS));

        MapCanvas canvas = new MapCanvas(env);
        Graphics2D g = canvas.g();
        bands(canvas, tin, levels, kind);
        canvas.grid();
        g.setColor(new Color(0x424242));
        g.setStroke(new BasicStroke(2f));
        for (MapData.Shape s : data.parcels()) {
            g.draw(canvas.path(s.geometry()));
        }
        PanelLayer.outlines(canvas, data.panels());
        if (!tin.coverage().isEmpty()) {
            g.setColor(new Color(0x616161));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f));
            g.draw(canvas.path(tin.coverage()));
        }
        List<TinContours.Isoline> isolines = tin.isolines(levels);
        g.setColor(kind.dark.darker());
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (TinContours.Isoline iso : isolines) {
            for (LineString line : iso.lines()) {
                g.draw(canvas.path(line));
            }
        }
        MapFigure.markers(canvas, data.markers());
        canvas.northArrow(text);
        canvas.scaleBar();
        legend(canvas, kind, levels, step, text, !data.panels().isEmpty());
        markerLabels(canvas, data.markers(), valueByMarker, step, kind);
        levelLabels(canvas, isolines, step, kind);
        PanelLayer.names(canvas, data.panels());
        canvas.crsStatement(data.crs(), text);
        String caption = tin.triangles().isEmpty() ? text.get("contourTooFew")
                : levels.isEmpty() ? String.format(Locale.ROOT, text.get("contourFlat"), format(kind.resolution, kind.resolution) + " " + kind.unit,
                        format(min, kind.resolution), format(max, kind.resolution))
                : String.format(Locale.ROOT, text.get(kind.methodKey), format(step, step));
        return new Figure(canvas.image(), caption);
    }

    /** The TIN's value as tinted bands, pixel by pixel inside each triangle (the same linear surface the lines trace). */
    private static void bands(MapCanvas canvas, TinContours tin, List<Double> levels, Kind kind) {
        BufferedImage image = canvas.imageForPixels();
        double[] origin = canvas.xy(new Coordinate(0, 0));
        double[] unit = canvas.xy(new Coordinate(1, 1));
        double scale = unit[0] - origin[0];
        for (TinContours.Triangle t : tin.triangles()) {
            Path2D path = canvas.path(GEOMETRY.createPolygon(new Coordinate[] {t.a(), t.b(), t.c(), t.a()}));
            java.awt.Rectangle box = path.getBounds().intersection(new java.awt.Rectangle(0, 0, image.getWidth(), image.getHeight()));
            for (int py = box.y; py < box.y + box.height; py++) {
                for (int px = box.x; px < box.x + box.width; px++) {
                    if (!path.contains(px + 0.5, py + 0.5)) {
                        continue;
                    }
                    double x = (px + 0.5 - origin[0]) / scale;
                    double y = (origin[1] - (py + 0.5)) / scale;
                    double[] w = TinContours.barycentric(t, x, y);
                    double v = w[0] * t.a().z + w[1] * t.b().z + w[2] * t.c().z;
                    image.setRGB(px, py, bandColour(band(v, levels), levels.size() + 1, kind).getRGB());
                }
            }
        }
    }

    private static int band(double v, List<Double> levels) {
        int b = 0;
        while (b < levels.size() && v >= levels.get(b)) {
            b++;
        }
        return b;
    }

    private static Color bandColour(int band, int bands, Kind kind) {
        double f = bands <= 1 ? 0.5 : (double) band / (bands - 1);
        f = 0.1 + 0.6 * f; // never white (the page) nor so dark that lines and labels vanish
        return new Color((int) Math.round(kind.light.getRed() + f * (kind.dark.getRed() - kind.light.getRed())),
                (int) Math.round(kind.light.getGreen() + f * (kind.dark.getGreen() - kind.light.getGreen())),
                (int) Math.round(kind.light.getBlue() + f * (kind.dark.getBlue() - kind.light.getBlue())));
    }

    /** Each marker's code and value, e.g. "SM-03 25.4", beside its triangle. */
    private static void markerLabels(MapCanvas canvas, List<MapData.Shape> markers, Map<String, Double> values, double step, Kind kind) {
        Graphics2D g = canvas.g();
        g.setFont(MapFigure.font(18));
        g.setColor(Color.BLACK);
        for (MapData.Shape s : markers) {
            Coordinate c = s.geometry().getCoordinate();
            if (c != null && canvas.inFrame(c)) {
                Double v = values.get(s.label());
                double[] xy = canvas.xy(c);
                canvas.labels().place(g, s.label() + (v == null ? "" : " " + format(v, Math.min(step, kind.resolution) / 10)), xy[0], xy[1], 12,
                        box -> true);
            }
        }
    }

    /** Each contour's level on the line itself, at the first free spot from its middle outward. */
    private static void levelLabels(MapCanvas canvas, List<TinContours.Isoline> isolines, double step, Kind kind) {
        Graphics2D g = canvas.g();
        g.setFont(MapFigure.font(17));
        g.setColor(kind.dark.darker());
        for (TinContours.Isoline iso : isolines) {
            for (LineString line : iso.lines()) {
                var inside = canvas.clip(line);
                if (inside.isEmpty() || inside.getDimension() < 1) {
                    continue;
                }
                LengthIndexedLine along = new LengthIndexedLine(inside);
                List<double[]> spots = new ArrayList<>();
                for (double f : new double[] {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8}) {
                    spots.add(canvas.xy(along.extractPoint(f * inside.getLength())));
                }
                canvas.labels().placeAt(g, format(iso.level(), step), spots, box -> true);
            }
        }
    }

    private static void legend(MapCanvas canvas, Kind kind, List<Double> levels, double step, ReportText text, boolean panels) {
        Graphics2D g = canvas.g();
        int bands = levels.isEmpty() ? 0 : levels.size() + 1;
        int[] at = canvas.legendBox(330, 4 + bands + (panels ? 1 : 0));
        int x = at[0];
        int y = at[1];
        g.setFont(MapFigure.font(18));
        g.setColor(kind.dark.darker());
        g.setStroke(new BasicStroke(2.2f));
        g.drawLine(x, y - 6, x + 26, y - 6);
        g.setColor(Color.BLACK);
        g.drawString(text.get(kind.legendKey), x + 36, y);
        y += 28;
        for (int b = 0; b < bands; b++) {
            g.setColor(bandColour(b, bands, kind));
            g.fillRect(x, y - 14, 26, 16);
            g.setColor(Color.BLACK);
            String range = b == 0 ? "< " + format(levels.get(0), step)
                    : b == bands - 1 ? "≥ " + format(levels.get(b - 1), step) : format(levels.get(b - 1), step) + " – " + format(levels.get(b), step);
            g.drawString(range, x + 36, y);
            y += 28;
        }
        g.setColor(new Color(0x616161));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        g.drawLine(x, y - 6, x + 26, y - 6);
        g.setColor(Color.BLACK);
        g.drawString(text.get("legendHull"), x + 36, y);
        y += 28;
        g.setColor(new Color(0x424242));
        g.setStroke(new BasicStroke(2f));
        g.drawRect(x, y - 14, 26, 16);
        g.setColor(Color.BLACK);
        g.drawString(text.get("legendParcel"), x + 36, y);
        y += 28;
        g.fillPolygon(new int[] {x + 13, x + 4, x + 22}, new int[] {y - 17, y, y}, 3);
        g.drawString(text.get("legendMarker"), x + 36, y);
        g.setStroke(new BasicStroke(1f));
        if (panels) {
            PanelLayer.legendRow(g, x, y + 28, text);
        }
    }

    /** Each marker's latest settlement or its rate, by code (markers without one left out). */
    static Map<String, Double> values(List<ReportContent.MarkerRow> markers, Kind kind) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (ReportContent.MarkerRow m : markers) {
            Double v = kind == Kind.SETTLEMENT ? m.latestMm() : m.rateMmPerDay();
            if (v != null) {
                values.put(m.code(), v);
            }
        }
        return values;
    }

    /** A value with as many decimals as the step needs (levels are multiples of it; no binary noise shown). */
    static String format(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
