package com.goafwatch.ingest;

/**
 * One fiber reading as read from a file, before validation. Strain in µε (tension positive), temperature
 * in °C; absent optional values are NaN-free {@code null}s so that a real NaN in the file can be refused.
 *
 * @param line 1-based line of the uploaded text, for error messages
 */
record FiberSample(long line, long timeMs, double distanceM, double strainUe, Double temperatureC, Double referenceStrainUe) {
}
