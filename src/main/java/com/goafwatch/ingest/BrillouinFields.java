package com.goafwatch.ingest;

import java.util.Map;

import com.goafwatch.timeseries.FiberSeries;

/** The raw Brillouin values a {@code fiber_strain} point carries beside the strain. */
final class BrillouinFields {

    private BrillouinFields() {
    }

    static void put(Map<String, Double> fields, FiberSample.BrillouinShift b) {
        // 0.001 µε / 0.0001 MHz are far below any interrogator's resolution: rounding keeps float noise out
        fields.put(FiberSeries.FIELD_RAW_STRAIN, Math.round(b.rawStrainUe() * 1000) / 1000.0);
        fields.put(FiberSeries.FIELD_SHIFT, b.shiftMhz());
        if (b.referenceShiftMhz() != null) {
            fields.put(FiberSeries.FIELD_REFERENCE_SHIFT, b.referenceShiftMhz());
        }
        fields.put(FiberSeries.FIELD_SHIFT_DELTA, Math.round(b.deltaShiftMhz() * 10000) / 10000.0);
    }
}
