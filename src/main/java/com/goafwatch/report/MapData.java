package com.goafwatch.report;

import java.util.List;

import org.locationtech.jts.geom.Geometry;

import com.goafwatch.acceptance.Verdict;

/**
 * The phase for the report's maps, every geometry in {@code crs} (the project's projected survey CRS, metres): parcels
 * with their verdicts, cables, borehole traces, settlement markers, and the project's goaf / strip-panel outlines.
 */
record MapData(MapCrs crs, List<Shape> parcels, List<Shape> cables, List<Shape> boreholes, List<Shape> markers, List<Panel> panels) {

    record Shape(String label, Geometry geometry, Verdict verdict) {
    }

    /** A mined panel under the site: its name, seam thickness and depth (m). */
    record Panel(String name, Geometry geometry, double seamThicknessM, double depthM) {
    }
}
