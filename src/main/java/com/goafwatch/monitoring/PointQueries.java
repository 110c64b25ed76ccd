package com.goafwatch.monitoring;

import static com.goafwatch.timeseries.InfluxQl.identifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.sensor.PointSensor;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.PointSeries;

/** Per-parcel strain statistics and settlement-marker series. */
@Service
class PointQueries {

    private static final double MILLIS_PER_DAY = 86_400_000.0;
    private static final int MAX_READINGS = 20_000;

    private final InfluxClient influx;
    private final JdbcClient jdbc;

    PointQueries(InfluxClient influx, JdbcClient jdbc) {
        this.influx = influx;
        this.jdbc = jdbc;
    }

    ParcelStrain parcelStrain(long parcelId, String parcelCode, TimeRange range) {
        Map<Long, List<double[]>> intervals = new LinkedHashMap<>();
        Map<Long, String> codes = new LinkedHashMap<>();
        jdbc.sql("SELECT i.cable_id, c.code, i.fiber_from_m, i.fiber_to_m FROM cable_parcel_interval i JOIN cable c ON c.id = i.cable_id "
                + "WHERE i.parcel_id = ? ORDER BY c.code, i.fiber_from_m").param(parcelId).query(rs -> {
                    intervals.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new double[] {rs.getDouble(3), rs.getDouble(4)});
                    codes.put(rs.getLong(1), rs.getString(2));
                });
        String s = identifier(FiberSeries.FIELD_STRAIN);
        List<InfluxSeries> result = InfluxSeries.of(influx.query("SELECT last(" + s + "), min(" + s + "), max(" + s + "), mean(" + s
                + "), count(" + s + ") FROM " + identifier(FiberSeries.MEASUREMENT) + " WHERE " + identifier(FiberSeries.TAG_PARCEL) + " = "
                + InfluxQl.stringLiteral(String.valueOf(parcelId)) + " AND " + range.influxQl() + " GROUP BY "
                + identifier(FiberSeries.TAG_CABLE)));
        Map<Long, Map<String, Object>> stats = new LinkedHashMap<>();
        for (InfluxSeries series : result) {
            if (!series.rows().isEmpty()) {
                stats.put(Long.parseLong(series.tags().get(FiberSeries.TAG_CABLE)), series.rows().get(0));
            }
        }
        List<ParcelStrain.CableStrain> cables = new ArrayList<>();
        for (Long cableId : codes.keySet()) {
            Map<String, Object> r = stats.get(cableId);
            // InfluxDB 1.x can answer a row of nulls while a write to the same shard is in flight (seen under load): no data yet
            if (r == null || InfluxSeries.number(r, "min") == null || InfluxSeries.number(r, "max") == null) {
                cables.add(new ParcelStrain.CableStrain(cableId, codes.get(cableId), intervals.get(cableId), null, null, null, null,
                        null, 0));
                continue;
            }
            Double min = InfluxSeries.number(r, "min");
            Double max = InfluxSeries.number(r, "max");
            cables.add(new ParcelStrain.CableStrain(cableId, codes.get(cableId), intervals.get(cableId),
                    InfluxSeries.number(r, "last"), min, max, InfluxSeries.number(r, "mean"), Math.max(Math.abs(min), Math.abs(max)),
                    InfluxSeries.number(r, "count") == null ? 0 : InfluxSeries.number(r, "count").longValue()));
        }
        return new ParcelStrain(parcelId, parcelCode, range.from(), range.to(), cables);
    }

    /** @param siteZone the zone of the site's days */
    SettlementSeries settlement(PointSensor marker, TimeRange range, java.time.ZoneId siteZone) {
        List<InfluxSeries> result = InfluxSeries.of(influx.query("SELECT " + identifier(PointSeries.FIELD_SETTLEMENT) + " FROM "
                + identifier(PointSeries.SETTLEMENT) + " WHERE " + identifier(PointSeries.TAG_SENSOR) + " = " + InfluxQl.stringLiteral(String.valueOf(marker.id()))
                + " AND " + range.influxQl() + " ORDER BY time ASC LIMIT " + MAX_READINGS));
        List<SettlementSeries.Reading> readings = new ArrayList<>();
        double[] previous = null;
        for (InfluxSeries series : result) {
            for (Map<String, Object> r : series.rows()) {
                double t = InfluxSeries.number(r, "time");
                double v = InfluxSeries.number(r, PointSeries.FIELD_SETTLEMENT);
                Double rate = previous == null ? null : (v - previous[1]) / ((t - previous[0]) / MILLIS_PER_DAY);
                Instant time = Instant.ofEpochMilli((long) t);
                readings.add(new SettlementSeries.Reading(time, java.time.LocalDate.ofInstant(time, siteZone), v, rate));
                previous = new double[] {t, v};
            }
        }
        return new SettlementSeries(marker.id(), marker.code(), marker.parcelId(), range.from(), range.to(), siteZone.getId(), readings,
                SettlementRates.leastSquaresMmPerDay(readings), previous == null ? null : previous[1]);
    }
}
