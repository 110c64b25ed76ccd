package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The goaf / strip-panel outlines on a report map: dashed, clipped to the frame by {@link MapCanvas#path}, each labelled
 * with its panel name inside the visible part; its legend row; and the sentence under the map that names the panels.
 */
final class PanelLayer {

    static final Color PANEL = new Color(0x5d4037);

    private PanelLayer() {
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {14f, 7f}, 0f);
    }

    /** The outlines (under cables and markers, over the parcels' fill). */
    static void outlines(MapCanvas canvas, List<MapData.Panel> panels) {
        Graphics2D g = canvas.g();
        g.setColor(PANEL);
        g.setStroke(dashed(2.5f));
        for (MapData.Panel p : panels) {
            g.draw(canvas.path(p.geometry()));
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Each panel's name inside the part of it in the frame, where the label covers nothing already placed. */
    static void names(MapCanvas canvas, List<MapData.Panel> panels) {
        Graphics2D g = canvas.g();
        g.setFont(MapFigure.font(17));
        g.setColor(PANEL);
        for (MapData.Panel p : panels) {
            Geometry inside = canvas.clip(p.geometry());
            if (inside.isEmpty() || inside.getDimension() < 2) {
                continue;
            }
            Point interior = inside.getInteriorPoint();
            Path2D path = canvas.path(inside);
            // panels are long and narrow: try the interior point, then points along the visible part's long axis
            List<double[]> spots = new ArrayList<>();
            spots.add(canvas.xy(interior.getCoordinate()));
            var box = path.getBounds2D();
            for (double f : new double[] {0.5, 0.3, 0.7, 0.15, 0.85}) {
                spots.add(new double[] {box.getMinX() + f * box.getWidth(), box.getMinY() + f * box.getHeight()});
            }
            canvas.labels().placeAt(g, p.name(), spots, b -> path.contains(b.getCenterX(), b.getCenterY()));
        }
    }

    /** One legend row (dashed line and "goaf / strip panel") at {@code x, y}. */
    static void legendRow(Graphics2D g, int x, int y, ReportText text) {
        g.setColor(PANEL);
        g.setStroke(dashed(2.5f));
        g.drawLine(x, y - 6, x + 30, y - 6);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawString(text.get("legendPanel"), x + 36, y);
    }

    /** The sentence under a map naming the panels drawn (empty when the project has none). */
    static String caption(List<MapData.Panel> panels, ReportText text) {
        if (panels.isEmpty()) {
            return "";
        }
        // panels of one seam at one depth (a strip-mining area's usual case) are named once together
        Map<List<Double>, List<String>> names = new LinkedHashMap<>();
        for (MapData.Panel p : panels) {
            names.computeIfAbsent(List.of(p.seamThicknessM(), p.depthM()), k -> new ArrayList<>()).add(p.name());
        }
        String list = names.entrySet().stream().map(e -> String.format(Locale.ROOT, text.get("panelItem"),
                String.join(text.get("listSep"), e.getValue()), fmt(e.getKey().get(0)), fmt(e.getKey().get(1))))
                .collect(Collectors.joining(text.get("panelSep")));
        return String.format(Locale.ROOT, text.get("panelCaption"), panels.size(), list);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
