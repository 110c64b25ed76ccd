/**
 * Sensor time series in InfluxDB, spoken to over the v1 HTTP API ({@code /ping}, {@code /query},
 * {@code /write}), the one protocol InfluxDB 1.x, 2.x (v1 compatibility) and 3.x Core all accept.
 */
package com.goafwatch.timeseries;
