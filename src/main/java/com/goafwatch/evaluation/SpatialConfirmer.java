package com.goafwatch.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.goafwatch.threshold.ThresholdRule;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;

/**
 * Reads, for the few lone-trace excesses of a cycle, the samples of that trace in that parcel (one statement
 * each, one round trip) and gives the value held over the configured number of adjacent samples.
 */
final class SpatialConfirmer {

    private SpatialConfirmer() {
    }

    record Wanted(ThresholdRule rule, Observation top) {
    }

    static Map<Wanted, Double> sustained(InfluxClient influx, MonitoringLayout layout, List<Wanted> wanted, int samples,
            StatementBatch batch) {
        Map<Wanted, Integer> handles = new LinkedHashMap<>();
        for (Wanted w : wanted) {
            EvidenceLookup l = w.top().locate();
            handles.put(w, batch.add("SELECT " + InfluxQl.identifier(l.field()) + ", " + InfluxQl.identifier(FiberSeries.FIELD_DISTANCE)
                    + " FROM " + InfluxQl.identifier(FiberSeries.MEASUREMENT) + " WHERE " + InfluxQl.identifier(FiberSeries.TAG_PARCEL)
                    + " = " + InfluxQl.stringLiteral(String.valueOf(l.parcelId())) + " AND " + InfluxQl.identifier(FiberSeries.TAG_CABLE)
                    + " = " + InfluxQl.stringLiteral(String.valueOf(l.cableId())) + " AND time >= " + l.fromMs() + "ms AND time < "
                    + l.toMs() + "ms"));
        }
        Map<Wanted, Double> result = new LinkedHashMap<>();
        if (handles.isEmpty()) {
            return result;
        }
        batch.run(influx);
        handles.forEach((w, handle) -> {
            EvidenceLookup l = w.top().locate();
            boolean temperature = l.field().equals(FiberSeries.FIELD_TEMPERATURE);
            MonitoringLayout.CableRef cable = layout.cables().get(l.cableId());
            double k = temperature || cable == null ? 1.0 : cable.coupling();
            List<double[]> points = new ArrayList<>();
            for (InfluxSeries s : batch.series(handle)) {
                for (Map<String, Object> r : s.rows()) {
                    Double v = InfluxSeries.number(r, l.field());
                    Double d = InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE);
                    if (v != null && d != null) {
                        points.add(new double[] {d, Reducers.signed(w.rule().statistic(), v / k)});
                    }
                }
            }
            Double held = TraceConfirmation.sustained(points, samples);
            if (held != null) {
                result.put(w, held);
            }
        });
        return result;
    }
}
