/**
 * Ingestion of sensor data: interrogator trace files (plain CSV, Luna ODiSI TSV, gzip or not), InfluxDB
 * line protocol and JSON manual readings. Every request is validated completely and streamed into a
 * spool batch that is committed only when no row failed: a rejected request leaves no trace, an
 * accepted one (202) survives InfluxDB outages and restarts.
 */
package com.goafwatch.ingest;
