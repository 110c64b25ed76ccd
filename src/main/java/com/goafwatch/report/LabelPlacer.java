package com.goafwatch.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Places map labels where they cover nothing that matters: each label tries a few positions around its anchor and
 * takes the first whose box stays inside the frame and clear of the blocked shapes (cables, marker symbols, the
 * legend, labels already placed); with no room it is left out rather than drawn over something.
 */
final class LabelPlacer {

    private final Rectangle2D frame;
    private final List<Shape> blocked = new ArrayList<>();

    LabelPlacer(Rectangle2D frame) {
        this.frame = frame;
    }

    /** Nothing may be written over this shape (in image pixels). */
    void block(Shape shape) {
        blocked.add(shape);
    }

    /**
     * Draws {@code text} beside (x, y): right, left, above, below, then the diagonals, at {@code gap} pixels, then twice
     * as far. {@code where} may refuse a box (a parcel's code must stay in its parcel).
     *
     * @return whether the label found room
     */
    boolean place(Graphics2D g, String text, double x, double y, double gap, Predicate<Rectangle2D> where) {
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text) + 6;
        double h = fm.getAscent() + fm.getDescent() + 2;
        double[][] directions = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};
        for (double reach : new double[] {gap, 2 * gap}) {
            for (double[] d : directions) {
                // the box's near side sits at the gap; centred on the axis it moves along
                double left = d[0] > 0 ? x + reach : d[0] < 0 ? x - reach - w : x - w / 2;
                double top = d[1] > 0 ? y + reach : d[1] < 0 ? y - reach - h : y - h / 2;
                Rectangle2D box = new Rectangle2D.Double(left, top, w, h);
                if (fits(box) && where.test(box)) {
                    draw(g, text, box, fm);
                    return true;
                }
            }
        }
        return false;
    }

    /** Draws {@code text} centred on the first free one of the given centres (for labels inside an area). */
    boolean placeAt(Graphics2D g, String text, List<double[]> centres, Predicate<Rectangle2D> where) {
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text) + 6;
        double h = fm.getAscent() + fm.getDescent() + 2;
        for (double[] c : centres) {
            Rectangle2D box = new Rectangle2D.Double(c[0] - w / 2, c[1] - h / 2, w, h);
            if (fits(box) && where.test(box)) {
                draw(g, text, box, fm);
                return true;
            }
        }
        return false;
    }

    private boolean fits(Rectangle2D box) {
        if (!frame.contains(box)) {
            return false;
        }
        for (Shape s : blocked) {
            if (s.intersects(box)) {
                return false;
            }
        }
        return true;
    }

    private void draw(Graphics2D g, String text, Rectangle2D box, FontMetrics fm) {
        Color colour = g.getColor();
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(box);
        g.setColor(colour);
        g.drawString(text, (float) (box.getX() + 3), (float) (box.getY() + 1 + fm.getAscent()));
        blocked.add(box);
    }
}
