/**
 * Remediation parcels: MultiPolygons in EPSG:4490 with area in mu derived in EPSG:4548; GeoJSON
 * list/get/CRUD, all-or-nothing imports (GeoJSON, zipped shapefile, GeoPackage) and exports.
 */
package com.goafwatch.parcel;
