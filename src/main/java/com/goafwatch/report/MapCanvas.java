package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * A map sheet for the report in a projected CRS (grid north up): a frame fitted around the phase, geometry clipped to
 * the frame (JTS intersection, so nothing runs on past it), a coordinate grid labelled in the margins, north arrow,
 * scale bar and the CRS statement under the frame. The figures ({@link MapFigure}, {@link ContourMapFigure}) draw
 * their layers on it; {@link #labels()} keeps their labels off each other and off what they block.
 */
final class MapCanvas {

    static final int W = 1600;
    static final int H = 1150;
    private static final int MARGIN = 90;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final BufferedImage image;
    private final Graphics2D g;
    private final Envelope frame;
    private final Geometry frameGeometry;
    private final double scale;
    private final LabelPlacer labels;

    /** A sheet whose frame holds {@code extent} (map units, metres) with a small border, filling the drawing area. */
    MapCanvas(Envelope extent) {
        image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        Envelope e = new Envelope(extent);
        e.expandBy(Math.max(e.getWidth(), e.getHeight()) * 0.05 + 20);
        double drawW = W - 2.0 * MARGIN;
        double drawH = H - 2.0 * MARGIN;
        scale = Math.min(drawW / e.getWidth(), drawH / e.getHeight());
        // the frame is the whole drawing area, so the extent is centred and the spare room shows more of the ground
        double cx = e.centre().x;
        double cy = e.centre().y;
        frame = new Envelope(cx - drawW / scale / 2, cx + drawW / scale / 2, cy - drawH / scale / 2, cy + drawH / scale / 2);
        frameGeometry = GEOMETRY.toGeometry(frame);
        labels = new LabelPlacer(new Rectangle2D.Double(MARGIN, MARGIN, drawW, drawH));
    }

    Graphics2D g() {
        return g;
    }

    LabelPlacer labels() {
        return labels;
    }

    /** The finished image (no drawing after this). */
    BufferedImage image() {
        g.dispose();
        return IndexedImage.of(image);
    }

    /** The image being drawn, for layers set pixel by pixel. */
    BufferedImage imageForPixels() {
        return image;
    }

    /** Pixel position of a map coordinate. */
    double[] xy(Coordinate c) {
        return new double[] {MARGIN + (c.x - frame.getMinX()) * scale, MARGIN + (frame.getMaxY() - c.y) * scale};
    }

    /** The part of a geometry inside the frame (empty when none). */
    Geometry clip(Geometry geometry) {
        if (frame.contains(geometry.getEnvelopeInternal())) {
            return geometry;
        }
        return geometry.intersection(frameGeometry);
    }

    /** The geometry clipped to the frame as a Java2D path: polygons closed (holes even-odd), lines open, points left out. */
    Path2D path(Geometry geometry) {
        Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        append(path, clip(geometry));
        return path;
    }

    private void append(Path2D path, Geometry geometry) {
        if (geometry instanceof Polygon polygon) {
            line(path, polygon.getExteriorRing().getCoordinates(), true);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                line(path, polygon.getInteriorRingN(h).getCoordinates(), true);
            }
        } else if (geometry instanceof LineString line) {
            line(path, line.getCoordinates(), false);
        } else if (geometry instanceof GeometryCollection collection) {
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                append(path, collection.getGeometryN(i));
            }
        }
    }

    private void line(Path2D path, Coordinate[] cs, boolean close) {
        for (int i = 0; i < cs.length; i++) {
            double[] p = xy(cs[i]);
            if (i == 0) {
                path.moveTo(p[0], p[1]);
            } else {
                path.lineTo(p[0], p[1]);
            }
        }
        if (close && cs.length > 0) {
            path.closePath();
        }
    }

    /** True when the coordinate is inside the frame. */
    boolean inFrame(Coordinate c) {
        return frame.contains(c);
    }

    /** The stroke's outline of a path, for keeping labels off a line. */
    static Shape outline(Path2D path, float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(path);
    }

    /** Grid lines at a round spacing, coordinates in the margins, the frame's border. */
    void grid() {
        double step = MapFigure.nice(Math.max(frame.getWidth(), frame.getHeight()) / 6);
        g.setFont(MapFigure.font(16));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        for (double x = Math.ceil(frame.getMinX() / step) * step; x <= frame.getMaxX(); x += step) {
            double[] a = xy(new Coordinate(x, frame.getMinY()));
            double[] b = xy(new Coordinate(x, frame.getMaxY()));
            g.setColor(new Color(0xcfd8dc));
            g.drawLine((int) a[0], (int) a[1], (int) b[0], (int) b[1]);
            g.setColor(new Color(0x546e7a));
            String label = String.format(Locale.ROOT, "E %.0f", x);
            g.drawString(label, (int) a[0] - g.getFontMetrics().stringWidth(label) / 2, (int) a[1] + 22);
        }
        for (double y = Math.ceil(frame.getMinY() / step) * step; y <= frame.getMaxY(); y += step) {
            double[] a = xy(new Coordinate(frame.getMinX(), y));
            double[] b = xy(new Coordinate(frame.getMaxX(), y));
            g.setColor(new Color(0xcfd8dc));
            g.drawLine((int) a[0], (int) a[1], (int) b[0], (int) b[1]);
            g.setColor(new Color(0x546e7a));
            g.drawString(String.format(Locale.ROOT, "N %.0f", y), 4, (int) a[1] + 5);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(new Color(0x37474f));
        g.drawRect(MARGIN, MARGIN, W - 2 * MARGIN, H - 2 * MARGIN);
        g.setStroke(new BasicStroke(1f));
    }

    /** North arrow (grid north) in the frame's top right corner; blocks labels there. */
    void northArrow(ReportText text) {
        int x = W - MARGIN - 40;
        int y = MARGIN + 14;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 26, y - 6, 52, 100);
        g.setColor(Color.BLACK);
        g.fillPolygon(new int[] {x, x - 16, x}, new int[] {y, y + 50, y + 38}, 3);
        g.drawPolygon(new int[] {x, x + 16, x}, new int[] {y, y + 50, y + 38}, 3);
        g.setFont(MapFigure.font(24));
        g.drawString(text.get("north"), x - 12, y + 80);
        labels.block(new Rectangle2D.Double(x - 26, y - 6, 52, 100));
    }

    /** Scale bar in the frame's bottom left corner; blocks labels there. */
    void scaleBar() {
        double metres = MapFigure.nice(300 / scale);
        int length = (int) Math.round(metres * scale);
        int x = MARGIN + 20;
        int y = H - MARGIN - 22;
        Rectangle2D box = new Rectangle2D.Double(x - 12, y - 32, length + 60, 48);
        g.setColor(new Color(255, 255, 255, 220));
        g.fill(box);
        g.setColor(Color.BLACK);
        g.fillRect(x, y, length / 2, 8);
        g.drawRect(x, y, length, 8);
        g.setFont(MapFigure.font(18));
        g.drawString("0", x - 4, y - 6);
        g.drawString(String.format(Locale.ROOT, "%.0f m", metres), x + length - 20, y - 6);
        labels.block(box);
    }

    /** The CRS and datum, and the figure's note if any, under the frame. */
    void crsStatement(MapCrs crs, ReportText text) {
        g.setFont(MapFigure.font(18));
        g.setColor(new Color(0x263238));
        g.drawString(crs.statement(text), MARGIN, H - 18);
    }

    /** A white box in the frame's bottom right corner for a legend of {@code rows} rows; blocks labels; returns its top left. */
    int[] legendBox(int width, int rows) {
        int h = 20 + rows * 28;
        int x = W - MARGIN - width - 8;
        int y = H - MARGIN - h - 8;
        g.setColor(new Color(255, 255, 255, 235));
        g.fillRect(x, y, width, h);
        g.setColor(new Color(0x90a4ae));
        g.drawRect(x, y, width, h);
        labels.block(new Rectangle2D.Double(x, y, width, h));
        return new int[] {x + 10, y + 30};
    }
}
