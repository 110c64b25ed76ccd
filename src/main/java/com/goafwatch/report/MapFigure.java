package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.goafwatch.acceptance.Verdict;

/**
 * The phase map for the report, drawn with Java2D in EPSG:4548 (grid north up): parcels coloured by
 * verdict and labelled, cables, borehole traces, settlement markers, a coordinate grid, a north arrow,
 * a scale bar and a legend.
 */
final class MapFigure {

    static final Color MEETS = new Color(0x4caf50);
    static final Color FAILS = new Color(0xe53935);
    static final Color GAP = new Color(0xbdbdbd);
    private static final int W = 1600;
    private static final int H = 1150;
    private static final int MARGIN = 90;

    private MapFigure() {
    }

    static BufferedImage draw(MapData data, ReportText text) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        Envelope env = new Envelope();
        data.parcels().forEach(s -> env.expandToInclude(s.geometry().getEnvelopeInternal()));
        if (env.isNull()) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(font(36));
            g.drawString(text.get("noData"), W / 2 - 60, H / 2);
            g.dispose();
            return image;
        }
        env.expandBy(Math.max(env.getWidth(), env.getHeight()) * 0.05 + 20);
        double scale = Math.min((W - 2.0 * MARGIN) / env.getWidth(), (H - 2.0 * MARGIN) / env.getHeight());
        double ox = MARGIN + ((W - 2.0 * MARGIN) - env.getWidth() * scale) / 2;
        double oy = MARGIN + ((H - 2.0 * MARGIN) - env.getHeight() * scale) / 2;
        Projection p = new Projection(env, scale, ox, oy);

        grid(g, env, p);
        g.setClip(MARGIN / 2, MARGIN / 2, W - MARGIN, H - MARGIN); // cables run on beyond the phase
        for (MapData.Shape s : data.parcels()) {
            Path2D path = path(s.geometry(), p);
            g.setColor(colour(s.verdict()));
            g.fill(path);
            g.setColor(new Color(0x424242));
            g.setStroke(new BasicStroke(2f));
            g.draw(path);
        }
        g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x1565c0));
        for (MapData.Shape s : data.cables()) {
            drawShape(g, s.geometry(), p, 10);
        }
        g.setColor(new Color(0x6a1b9a));
        g.setStroke(new BasicStroke(2f));
        for (MapData.Shape s : data.boreholes()) {
            drawShape(g, s.geometry(), p, 5);
        }
        g.setColor(Color.BLACK);
        for (MapData.Shape s : data.markers()) {
            double[] xy = p.apply(s.geometry().getCoordinate());
            g.fillPolygon(new int[] {(int) xy[0], (int) xy[0] - 8, (int) xy[0] + 8}, new int[] {(int) xy[1] - 10, (int) xy[1] + 6, (int) xy[1] + 6}, 3);
        }
        g.setClip(null);
        g.setFont(font(22));
        for (MapData.Shape s : data.parcels()) {
            Point c = s.geometry().getInteriorPoint();
            double[] xy = p.apply(c.getCoordinate());
            int w = g.getFontMetrics().stringWidth(s.label());
            g.setColor(new Color(255, 255, 255, 200));
            g.fillRect((int) xy[0] - w / 2 - 3, (int) xy[1] - 18, w + 6, 24);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), (int) xy[0] - w / 2, (int) xy[1]);
        }
        northArrow(g, text);
        scaleBar(g, scale);
        legend(g, text);
        g.dispose();
        return image;
    }

    static Color colour(Verdict v) {
        return v == Verdict.MEETS ? MEETS : v == Verdict.DOES_NOT_MEET ? FAILS : GAP;
    }

    private record Projection(Envelope env, double scale, double ox, double oy) {
        double[] apply(Coordinate c) {
            return new double[] {ox + (c.x - env.getMinX()) * scale, oy + (env.getMaxY() - c.y) * scale};
        }
    }

    private static Path2D path(Geometry geometry, Projection p) {
        Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                ring(path, polygon.getExteriorRing(), p);
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    ring(path, polygon.getInteriorRingN(h), p);
                }
            }
        }
        return path;
    }

    private static void ring(Path2D path, LineString ring, Projection p) {
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            double[] xy = p.apply(cs[i]);
            if (i == 0) {
                path.moveTo(xy[0], xy[1]);
            } else {
                path.lineTo(xy[0], xy[1]);
            }
        }
        path.closePath();
    }

    private static void drawShape(Graphics2D g, Geometry geometry, Projection p, int pointSize) {
        if (geometry instanceof Point || geometry.getLength() < 0.1) {
            double[] xy = p.apply(geometry.getCoordinate());
            g.fillOval((int) xy[0] - pointSize / 2, (int) xy[1] - pointSize / 2, pointSize, pointSize);
            return;
        }
        Path2D path = new Path2D.Double();
        Coordinate[] cs = geometry.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            double[] xy = p.apply(cs[i]);
            if (i == 0) {
                path.moveTo(xy[0], xy[1]);
            } else {
                path.lineTo(xy[0], xy[1]);
            }
        }
        g.draw(path);
        double[] start = p.apply(cs[0]);
        g.fillOval((int) start[0] - pointSize / 2, (int) start[1] - pointSize / 2, pointSize, pointSize);
    }

    /** Grid lines at a round spacing with Gauss-Krüger coordinates along the edges. */
    private static void grid(Graphics2D g, Envelope env, Projection p) {
        double step = nice(Math.max(env.getWidth(), env.getHeight()) / 5);
        g.setFont(font(16));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        for (double x = Math.ceil(env.getMinX() / step) * step; x <= env.getMaxX(); x += step) {
            double[] a = p.apply(new Coordinate(x, env.getMinY()));
            double[] b = p.apply(new Coordinate(x, env.getMaxY()));
            g.setColor(new Color(0xcfd8dc));
            g.drawLine((int) a[0], (int) a[1], (int) b[0], (int) b[1]);
            g.setColor(new Color(0x546e7a));
            g.drawString(String.format(Locale.ROOT, "E %.0f", x), (int) a[0] - 40, (int) a[1] + 22);
        }
        for (double y = Math.ceil(env.getMinY() / step) * step; y <= env.getMaxY(); y += step) {
            double[] a = p.apply(new Coordinate(env.getMinX(), y));
            double[] b = p.apply(new Coordinate(env.getMaxX(), y));
            g.setColor(new Color(0xcfd8dc));
            g.drawLine((int) a[0], (int) a[1], (int) b[0], (int) b[1]);
            g.setColor(new Color(0x546e7a));
            g.drawString(String.format(Locale.ROOT, "N %.0f", y), 8, (int) a[1] + 5);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void northArrow(Graphics2D g, ReportText text) {
        int x = W - 70;
        int y = 50;
        g.setColor(Color.BLACK);
        g.fillPolygon(new int[] {x, x - 16, x}, new int[] {y, y + 50, y + 38}, 3);
        g.drawPolygon(new int[] {x, x + 16, x}, new int[] {y, y + 50, y + 38}, 3);
        g.setFont(font(24));
        g.drawString(text.get("north"), x - 8, y + 78);
    }

    private static void scaleBar(Graphics2D g, double pixelsPerMetre) {
        double metres = nice(300 / pixelsPerMetre);
        int length = (int) Math.round(metres * pixelsPerMetre);
        int x = MARGIN;
        int y = H - 35;
        g.setColor(Color.BLACK);
        g.fillRect(x, y, length / 2, 8);
        g.drawRect(x, y, length, 8);
        g.setFont(font(18));
        g.drawString("0", x - 4, y - 6);
        g.drawString(String.format(Locale.ROOT, "%.0f m", metres), x + length - 20, y - 6);
    }

    private static void legend(Graphics2D g, ReportText text) {
        int x = W - 330;
        int y = H - 170;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x - 10, y - 30, 320, 190);
        g.setFont(font(18));
        Object[][] rows = {{MEETS, text.get("meets")}, {FAILS, text.get("does_not_meet")}, {GAP, text.get("insufficient_data")}};
        for (Object[] r : rows) {
            g.setColor((Color) r[0]);
            g.fillRect(x, y - 14, 26, 16);
            g.setColor(Color.BLACK);
            g.drawString((String) r[1], x + 36, y);
            y += 28;
        }
        g.setColor(new Color(0x1565c0));
        g.setStroke(new BasicStroke(4f));
        g.drawLine(x, y - 6, x + 26, y - 6);
        g.setColor(Color.BLACK);
        g.drawString(text.get("legendCable"), x + 36, y);
        y += 28;
        g.setColor(new Color(0x6a1b9a));
        g.fillOval(x + 8, y - 12, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(text.get("legendHole"), x + 36, y);
        y += 28;
        g.fillPolygon(new int[] {x + 13, x + 5, x + 21}, new int[] {y - 16, y, y}, 3);
        g.drawString(text.get("legendMarker"), x + 36, y);
        g.setStroke(new BasicStroke(1f));
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static Font font(int size) {
        return new Font("Noto Sans CJK SC", Font.PLAIN, size);
    }
}
