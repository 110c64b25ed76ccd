/**
 * Goaf / strip-panel outlines (the worked-out coal panels under a site): Polygons in EPSG:4490 with seam thickness
 * and depth, an all-or-nothing GeoJSON import and a GeoJSON list; the report's maps draw them.
 */
package com.goafwatch.panel;
