package com.goafwatch.report;

import java.util.List;

import org.locationtech.jts.geom.Geometry;

import com.goafwatch.acceptance.Verdict;

/** The phase in EPSG:4548 metres for the map figure: parcels with their verdicts, cables, boreholes, markers. */
record MapData(List<Shape> parcels, List<Shape> cables, List<Shape> boreholes, List<Shape> markers) {

    record Shape(String label, Geometry geometry, Verdict verdict) {
    }
}
