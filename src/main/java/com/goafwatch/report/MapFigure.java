package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;

import com.goafwatch.acceptance.Verdict;

/**
 * The phase map for the report on a {@link MapCanvas}: parcels coloured by verdict, goaf / strip-panel outlines
 * ({@link PanelLayer}), borehole traces, cables and settlement markers clipped to the frame; every marker, cable and parcel labelled with its code where the label covers
 * no cable, marker or other label; a legend, the CRS and datum.
 */
final class MapFigure {

    static final Color MEETS = new Color(0x4caf50);
    static final Color FAILS = new Color(0xe53935);
    static final Color GAP = new Color(0xbdbdbd);
    static final Color CABLE = new Color(0x1565c0);
    static final Color HOLE = new Color(0x6a1b9a);

    private MapFigure() {
    }

    static BufferedImage draw(MapData data, ReportText text) {
        Envelope env = new Envelope();
        data.parcels().forEach(s -> env.expandToInclude(s.geometry().getEnvelopeInternal()));
        if (env.isNull()) {
            return empty(text);
        }
        MapCanvas canvas = new MapCanvas(env);
        Graphics2D g = canvas.g();
        canvas.grid();
        List<Path2D> parcelPaths = new ArrayList<>();
        for (MapData.Shape s : data.parcels()) {
            Path2D path = canvas.path(s.geometry());
            parcelPaths.add(path);
            g.setColor(colour(s.verdict()));
            g.fill(path);
            g.setColor(new Color(0x424242));
            g.setStroke(new BasicStroke(2f));
            g.draw(path);
        }
        PanelLayer.outlines(canvas, data.panels());
        g.setColor(HOLE);
        g.setStroke(new BasicStroke(2f));
        for (MapData.Shape s : data.boreholes()) {
            drawLineWithStart(canvas, s.geometry(), 5);
        }
        g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(CABLE);
        for (MapData.Shape s : data.cables()) {
            Path2D path = drawLineWithStart(canvas, s.geometry(), 10);
            canvas.labels().block(MapCanvas.outline(path, 8f));
        }
        markers(canvas, data.markers());
        canvas.northArrow(text);
        canvas.scaleBar();
        legend(canvas, text, !data.panels().isEmpty());
        markerCodes(canvas, data.markers());
        cableCodes(canvas, data.cables());
        PanelLayer.names(canvas, data.panels());
        g.setFont(font(22));
        g.setColor(Color.BLACK);
        for (int i = 0; i < data.parcels().size(); i++) {
            parcelCode(canvas, data.parcels().get(i), parcelPaths.get(i));
        }
        canvas.crsStatement(data.crs(), text);
        return canvas.image();
    }

    static BufferedImage empty(ReportText text) {
        BufferedImage image = new BufferedImage(MapCanvas.W, MapCanvas.H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, MapCanvas.W, MapCanvas.H);
        g.setColor(Color.DARK_GRAY);
        g.setFont(font(36));
        g.drawString(text.get("noData"), MapCanvas.W / 2 - 60, MapCanvas.H / 2);
        g.dispose();
        return image;
    }

    static Color colour(Verdict v) {
        return v == Verdict.MEETS ? MEETS : v == Verdict.DOES_NOT_MEET ? FAILS : GAP;
    }

    /** Marker triangles (those in the frame); each blocks labels. */
    static void markers(MapCanvas canvas, List<MapData.Shape> markers) {
        Graphics2D g = canvas.g();
        g.setColor(Color.BLACK);
        for (MapData.Shape s : markers) {
            Coordinate c = s.geometry().getCoordinate();
            if (c == null || !canvas.inFrame(c)) {
                continue;
            }
            double[] xy = canvas.xy(c);
            int x = (int) Math.round(xy[0]);
            int y = (int) Math.round(xy[1]);
            g.fillPolygon(new int[] {x, x - 9, x + 9}, new int[] {y - 11, y + 7, y + 7}, 3);
            canvas.labels().block(new Rectangle2D.Double(x - 10, y - 12, 20, 20));
        }
    }

    /** Each marker's code beside its triangle, so the layout can be matched to the tables. */
    static void markerCodes(MapCanvas canvas, List<MapData.Shape> markers) {
        Graphics2D g = canvas.g();
        g.setFont(font(19));
        g.setColor(Color.BLACK);
        for (MapData.Shape s : markers) {
            Coordinate c = s.geometry().getCoordinate();
            if (c != null && canvas.inFrame(c)) {
                double[] xy = canvas.xy(c);
                canvas.labels().place(g, s.label(), xy[0], xy[1], 12, box -> true);
            }
        }
    }

    private static void cableCodes(MapCanvas canvas, List<MapData.Shape> cables) {
        Graphics2D g = canvas.g();
        g.setFont(font(18));
        g.setColor(CABLE);
        for (MapData.Shape s : cables) {
            Geometry inside = canvas.clip(s.geometry());
            if (inside.isEmpty()) {
                continue;
            }
            if (inside.getDimension() < 1 || inside.getLength() < 0.1) { // a borehole cable: its top point
                double[] xy = canvas.xy(inside.getCoordinate());
                canvas.labels().place(g, s.label(), xy[0], xy[1], 10, box -> true);
                continue;
            }
            // try points along the cable, from its middle outward
            org.locationtech.jts.linearref.LengthIndexedLine line = new org.locationtech.jts.linearref.LengthIndexedLine(inside);
            double length = inside.getLength();
            for (double f : new double[] {0.5, 0.35, 0.65, 0.2, 0.8, 0.08, 0.92}) {
                double[] xy = canvas.xy(line.extractPoint(f * length));
                if (canvas.labels().place(g, s.label(), xy[0], xy[1], 10, box -> true)) {
                    break;
                }
            }
        }
    }

    /** The parcel's code inside the parcel: at its interior point, else at the free spot nearest to it. */
    private static void parcelCode(MapCanvas canvas, MapData.Shape s, Path2D path) {
        Point interior = s.geometry().getInteriorPoint();
        if (interior.isEmpty() || !canvas.inFrame(interior.getCoordinate())) {
            return;
        }
        double[] centre = canvas.xy(interior.getCoordinate());
        Rectangle2D bounds = path.getBounds2D();
        List<double[]> candidates = new ArrayList<>();
        candidates.add(centre);
        for (int i = 0; i <= 8; i++) {
            for (int j = 0; j <= 8; j++) {
                candidates.add(new double[] {bounds.getMinX() + bounds.getWidth() * i / 8, bounds.getMinY() + bounds.getHeight() * j / 8});
            }
        }
        candidates.subList(1, candidates.size()).sort(Comparator.comparingDouble(p -> Math.hypot(p[0] - centre[0], p[1] - centre[1])));
        canvas.labels().placeAt(canvas.g(), s.label(), candidates, path::contains);
    }

    /** A line with a dot at its start (the collar of a hole, the anchored end of a cable), clipped to the frame. */
    private static Path2D drawLineWithStart(MapCanvas canvas, Geometry geometry, int dot) {
        Graphics2D g = canvas.g();
        Path2D path = canvas.path(geometry);
        Coordinate start = geometry instanceof LineString l && !l.isEmpty() ? l.getCoordinateN(0) : geometry.getCoordinate();
        if (geometry.getLength() >= 0.1) {
            g.draw(path);
        } else if (start != null) {
            path.append(new java.awt.geom.Ellipse2D.Double(canvas.xy(start)[0] - dot, canvas.xy(start)[1] - dot, 2 * dot, 2 * dot), false);
        }
        if (start != null && canvas.inFrame(start)) {
            double[] xy = canvas.xy(start);
            g.fillOval((int) xy[0] - dot / 2, (int) xy[1] - dot / 2, dot, dot);
        }
        return path;
    }

    private static void legend(MapCanvas canvas, ReportText text, boolean panels) {
        Graphics2D g = canvas.g();
        int[] at = canvas.legendBox(300, panels ? 7 : 6);
        int x = at[0];
        int y = at[1];
        g.setFont(font(18));
        Object[][] rows = {{MEETS, text.get("meets")}, {FAILS, text.get("does_not_meet")}, {GAP, text.get("insufficient_data")}};
        for (Object[] r : rows) {
            g.setColor((Color) r[0]);
            g.fillRect(x, y - 14, 26, 16);
            g.setColor(Color.BLACK);
            g.drawString((String) r[1], x + 36, y);
            y += 28;
        }
        g.setColor(CABLE);
        g.setStroke(new BasicStroke(4f));
        g.drawLine(x, y - 6, x + 26, y - 6);
        g.setColor(Color.BLACK);
        g.drawString(text.get("legendCable"), x + 36, y);
        y += 28;
        g.setColor(HOLE);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x + 4, y - 2, x + 24, y - 12);
        g.fillOval(x + 1, y - 5, 6, 6);
        g.setColor(Color.BLACK);
        g.drawString(text.get("legendHole"), x + 36, y);
        y += 28;
        g.fillPolygon(new int[] {x + 13, x + 4, x + 22}, new int[] {y - 17, y, y}, 3);
        g.drawString(text.get("legendMarker"), x + 36, y);
        g.setStroke(new BasicStroke(1f));
        if (panels) {
            PanelLayer.legendRow(g, x, y + 28, text);
        }
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
