package com.goafwatch.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.linemerge.LineMerger;
import org.locationtech.jts.triangulate.DelaunayTriangulationBuilder;

/**
 * Contour lines of a quantity measured at scattered points (settlement markers), by linear interpolation on the
 * Delaunay triangulation of the points (a TIN): inside each triangle the surface is the plane through its three
 * values, so a contour crosses a triangle as one straight segment between two of its edges.
 *
 * <p>Why a TIN rather than inverse-distance weighting on a grid: it honours every measured value, reproduces a planar
 * field exactly (IDW flattens towards the mean between points and makes "bull's-eyes" at them), needs no grid spacing
 * or power to tune, and claims nothing outside the points' convex hull, where a report should not invent settlement.
 * JTS gives the triangulation; JTS has no contouring, and GeoTools (which has) is not on Maven Central.
 *
 * <p>Coordinates in any projected CRS (metres); the values' unit is the caller's. Points at the same position are
 * averaged. Fewer than three distinct points, or all on one line: no triangles, no contours.
 */
final class TinContours {

    /** A measured value at a position. */
    record Sample(double x, double y, double value) {
    }

    /** A level's contour lines (merged from the triangles' segments, so a line runs on across triangles). */
    record Isoline(double level, List<LineString> lines) {
    }

    /** A triangle of the TIN with the value at each corner. */
    record Triangle(Coordinate a, Coordinate b, Coordinate c) {
    }

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final List<Triangle> triangles;
    private final Geometry hull;

    private TinContours(List<Triangle> triangles, Geometry hull) {
        this.triangles = triangles;
        this.hull = hull;
    }

    /** The TIN of the samples (z of each corner = the value there). */
    static TinContours of(Collection<Sample> samples) {
        Map<String, double[]> byPosition = new LinkedHashMap<>(); // x, y, sum, count
        for (Sample s : samples) {
            if (Double.isFinite(s.x()) && Double.isFinite(s.y()) && Double.isFinite(s.value())) {
                double[] acc = byPosition.computeIfAbsent(s.x() + "," + s.y(), k -> new double[] {s.x(), s.y(), 0, 0});
                acc[2] += s.value();
                acc[3]++;
            }
        }
        Map<String, Double> value = new LinkedHashMap<>();
        List<Coordinate> sites = new ArrayList<>();
        for (double[] acc : byPosition.values()) {
            value.put(acc[0] + "," + acc[1], acc[2] / acc[3]);
            sites.add(new Coordinate(acc[0], acc[1]));
        }
        if (sites.size() < 3) {
            return new TinContours(List.of(), GEOMETRY.createPolygon());
        }
        DelaunayTriangulationBuilder builder = new DelaunayTriangulationBuilder();
        builder.setSites(sites);
        Geometry tris = builder.getTriangles(GEOMETRY);
        List<Triangle> triangles = new ArrayList<>();
        for (int i = 0; i < tris.getNumGeometries(); i++) {
            Coordinate[] cs = ((Polygon) tris.getGeometryN(i)).getExteriorRing().getCoordinates();
            if (cs.length < 4 || area2(cs[0], cs[1], cs[2]) == 0) {
                continue; // collinear sites give degenerate slivers, which carry no surface
            }
            Coordinate[] corners = new Coordinate[3];
            for (int k = 0; k < 3; k++) {
                corners[k] = new Coordinate(cs[k].x, cs[k].y, value.get(cs[k].x + "," + cs[k].y));
            }
            triangles.add(new Triangle(corners[0], corners[1], corners[2]));
        }
        Geometry hull = triangles.isEmpty() ? GEOMETRY.createPolygon() : GEOMETRY.createMultiPoint(sites.toArray(Coordinate[]::new)).convexHull();
        return new TinContours(triangles, hull);
    }

    List<Triangle> triangles() {
        return triangles;
    }

    /** Where the TIN has a value: the convex hull of the samples (empty without triangles). */
    Geometry coverage() {
        return hull;
    }

    /** The interpolated value at (x, y), or NaN outside the TIN. */
    double valueAt(double x, double y) {
        for (Triangle t : triangles) {
            double[] w = barycentric(t, x, y);
            if (w[0] >= -1e-12 && w[1] >= -1e-12 && w[2] >= -1e-12) {
                return w[0] * t.a().z + w[1] * t.b().z + w[2] * t.c().z;
            }
        }
        return Double.NaN;
    }

    /** The barycentric weights of (x, y) in the triangle (all in [0, 1] inside it). */
    static double[] barycentric(Triangle t, double x, double y) {
        Coordinate a = t.a();
        Coordinate b = t.b();
        Coordinate c = t.c();
        double d = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y);
        double wa = ((b.y - c.y) * (x - c.x) + (c.x - b.x) * (y - c.y)) / d;
        double wb = ((c.y - a.y) * (x - c.x) + (a.x - c.x) * (y - c.y)) / d;
        return new double[] {wa, wb, 1 - wa - wb};
    }

    /** The contour lines at each level (levels with no line are left out). */
    List<Isoline> isolines(List<Double> levels) {
        List<Isoline> out = new ArrayList<>();
        for (double level : levels) {
            LineMerger merger = new LineMerger();
            for (Triangle t : triangles) {
                Coordinate[] corners = {t.a(), t.b(), t.c()};
                List<Coordinate> crossings = new ArrayList<>(2);
                for (int k = 0; k < 3; k++) {
                    Coordinate p = crossing(corners[k], corners[(k + 1) % 3], level);
                    if (p != null) {
                        crossings.add(p);
                    }
                }
                if (crossings.size() == 2 && !crossings.get(0).equals2D(crossings.get(1))) {
                    merger.add(GEOMETRY.createLineString(crossings.toArray(Coordinate[]::new)));
                }
            }
            @SuppressWarnings("unchecked")
            List<LineString> lines = new ArrayList<>((Collection<LineString>) merger.getMergedLineStrings());
            if (!lines.isEmpty()) {
                lines.sort(Comparator.comparingDouble(LineString::getLength).reversed());
                out.add(new Isoline(level, lines));
            }
        }
        return out;
    }

    /**
     * Where the edge p–q crosses the level, or null. A corner exactly at the level counts as above it, so a level
     * through a corner is crossed by exactly two edges of each triangle there (never one or three). The point is
     * computed from the edge's endpoints in a fixed order, so the two triangles sharing the edge give the same
     * coordinate and their segments join.
     */
    private static Coordinate crossing(Coordinate p, Coordinate q, double level) {
        if ((p.z >= level) == (q.z >= level)) {
            return null;
        }
        Coordinate lo = p.compareTo(q) < 0 ? p : q;
        Coordinate hi = lo == p ? q : p;
        double f = (level - lo.z) / (hi.z - lo.z);
        return new Coordinate(lo.x + f * (hi.x - lo.x), lo.y + f * (hi.y - lo.y));
    }

    /**
     * Round contour levels across [min, max]: a step of 1, 2 or 5 times a power of ten giving about {@code target}
     * levels, the levels being the step's multiples strictly inside the range.
     */
    static List<Double> levels(double min, double max, int target) {
        return levels(min, max, target, 0);
    }

    /** As {@link #levels(double, double, int)}, the step at least {@code minStep} (the values' resolution): none when the range is below it. */
    static List<Double> levels(double min, double max, int target, double minStep) {
        List<Double> levels = new ArrayList<>();
        if (!(max > min) || max - min < minStep) {
            return levels;
        }
        double step = Math.max(MapFigure.nice((max - min) / target), minStep);
        for (long k = (long) Math.floor(min / step) + 1; k * step < max; k++) {
            levels.add(k * step);
        }
        return levels;
    }

    private static double area2(Coordinate a, Coordinate b, Coordinate c) {
        return (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
    }
}
