package com.goafwatch.panel;

import org.locationtech.jts.geom.Geometry;

/** One checked panel feature, in the CRS it was declared in ({@code srid}). */
record PanelDraft(int index, String name, double seamThicknessM, double depthM, Geometry geometry, int srid) {
}
