/**
 * Acceptance reports of a phase: the content assembled once from PostGIS and InfluxDB, rendered as a PDF
 * for the panel (OpenPDF, JFreeChart, an embedded Noto CJK subset), as JSON, and as tables in XLSX/CSV;
 * every generated report is stored byte for byte with its SHA-256 so a copy can be verified later.
 */
package com.goafwatch.report;
