package com.goafwatch.report;

import java.util.List;

import org.locationtech.jts.geom.Geometry;

import com.goafwatch.acceptance.Verdict;

/**
 * The phase for the report's maps, every geometry in {@code crs} (the project's projected survey CRS, metres): parcels
 * with their verdicts, cables, borehole traces, settlement markers. The database holds no goaf or strip-panel outlines
 * (no table for them), so the maps cannot draw them.
 */
record MapData(MapCrs crs, List<Shape> parcels, List<Shape> cables, List<Shape> boreholes, List<Shape> markers) {

    record Shape(String label, Geometry geometry, Verdict verdict) {
    }
}
