/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by reference) under
 * {@code /ogcapi}: phases, parcels, cables, markers and alerts as read-only feature collections that
 * QGIS, GDAL's OAPIF driver and other OGC clients read directly.
 */
package com.goafwatch.ogc;
