package com.goafwatch.ingest;

/**
 * One fiber reading as read from a file, before validation. Strain in µε (tension positive), temperature
 * in °C; absent optional values are NaN-free {@code null}s so that a real NaN in the file can be refused.
 *
 * @param line      1-based line of the uploaded text, for error messages
 * @param brillouin the Brillouin shift the strain was computed from (already compensated), or null for strain input
 * @param texts     the values as sent, when the reader kept them (line protocol), else null
 */
record FiberSample(long line, long timeMs, double distanceM, double strainUe, Double temperatureC, Double referenceStrainUe,
        BrillouinShift brillouin, Texts texts) {

    FiberSample(long line, long timeMs, double distanceM, double strainUe, Double temperatureC, Double referenceStrainUe) {
        this(line, timeMs, distanceM, strainUe, temperatureC, referenceStrainUe, null, null);
    }

    FiberSample(long line, long timeMs, double distanceM, double strainUe, Double temperatureC, Double referenceStrainUe,
            BrillouinShift brillouin) {
        this(line, timeMs, distanceM, strainUe, temperatureC, referenceStrainUe, brillouin, null);
    }

    /**
     * The text of values as sent, each a plain decimal InfluxDB reads as exactly the parsed double (or null: formatted
     * from the double), so the stored line carries it as it came instead of formatting the double back.
     */
    record Texts(String strain, String temperature, String distance) {
    }

    /**
     * The raw Brillouin values kept beside the strain: measured shift and reference-fiber shift (MHz, as in the
     * file), the change against the cable's reference trace (MHz) and the uncompensated strain Δν/C_ε (µε).
     */
    record BrillouinShift(double shiftMhz, Double referenceShiftMhz, double deltaShiftMhz, double rawStrainUe) {
    }
}
