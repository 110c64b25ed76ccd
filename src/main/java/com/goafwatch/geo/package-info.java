/**
 * Coordinate reference systems, bounding boxes, geometry validation and area units. Knows nothing of
 * HTTP, JDBC or InfluxDB. CRS transforms themselves run in PostGIS (PROJ 9), the one place that holds
 * the EPSG database; this package only names, recognises and range-checks the CRSs the service accepts.
 */
package com.goafwatch.geo;
