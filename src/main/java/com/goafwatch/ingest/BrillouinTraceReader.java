package com.goafwatch.ingest;

import java.io.BufferedReader;
import java.util.function.Consumer;

import com.goafwatch.brillouin.BrillouinCsv;
import com.goafwatch.brillouin.ShiftKind;
import com.goafwatch.brillouin.StrainFromShift;

/**
 * Brillouin CSV (frequency shifts, see {@link BrillouinCsv}) turned into strain samples by the cable's
 * coefficients and reference trace ({@link StrainFromShift}); the shifts travel with each sample so they are
 * stored beside the strain. Then the samples go the way of every trace: validation, placing, spool.
 */
final class BrillouinTraceReader implements TraceReader {

    private final BrillouinCsv csv;
    private final StrainFromShift converter;
    private final boolean hasReference;

    BrillouinTraceReader(BrillouinCsv csv, StrainFromShift converter, boolean hasReference) {
        this.csv = csv;
        this.converter = converter;
        this.hasReference = hasReference;
    }

    @Override
    public void read(BufferedReader in, Timestamps timestamps, Consumer<FiberSample> samples, RowErrors errors) {
        boolean[] stop = {false};
        csv.read(in, row -> {
            if (stop[0]) {
                return;
            }
            if (!hasReference && row.reading().kind() == ShiftKind.ABSOLUTE) {
                errors.add(row.line(), "absolute shifts (shift_mhz) need a reference trace of the cable: upload one to "
                        + "/api/v1/cables/{id}/brillouin/references first");
                stop[0] = true; // one message, not one per row
                return;
            }
            long time;
            try {
                time = timestamps.toEpochMillis(row.timestamp());
            } catch (IllegalArgumentException e) {
                errors.add(row.line(), e.getMessage());
                return;
            }
            StrainFromShift.Result r = converter.convert(row.distanceM(), row.reading());
            if (!r.ok()) {
                errors.add(row.line(), r.error());
                return;
            }
            StrainFromShift.Reading reading = row.reading();
            samples.accept(new FiberSample(row.line(), time, row.distanceM(), r.strainUe(),
                    Double.isNaN(r.temperatureC()) ? null : r.temperatureC(), null,
                    new FiberSample.BrillouinShift(reading.shiftMhz(), reading.referenceShiftMhz(), r.deltaShiftMhz(), r.rawStrainUe())));
        }, errors::add);
    }
}
