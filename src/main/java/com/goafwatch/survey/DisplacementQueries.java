package com.goafwatch.survey;

import static com.goafwatch.timeseries.InfluxQl.identifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.SurveySeries;

/** Reads a marker's survey readings back from InfluxDB. */
@Service
public class DisplacementQueries {

    private static final int MAX_READINGS = 20_000;
    private static final List<String> FIELDS = List.of(SurveySeries.FIELD_EASTING, SurveySeries.FIELD_NORTHING, SurveySeries.FIELD_HEIGHT,
            SurveySeries.FIELD_EAST, SurveySeries.FIELD_NORTH, SurveySeries.FIELD_HORIZONTAL, SurveySeries.FIELD_HEIGHT_CHANGE);

    private final InfluxClient influx;

    DisplacementQueries(InfluxClient influx) {
        this.influx = influx;
    }

    /** The marker's readings in [from, to), oldest first, at most 20 000. */
    public List<DisplacementSeries.Reading> readings(long sensorId, Instant from, Instant to) {
        String select = String.join(", ", FIELDS.stream().map(f -> identifier(f)).toList());
        List<InfluxSeries> result = InfluxSeries.of(influx.query("SELECT " + select + " FROM " + identifier(SurveySeries.MEASUREMENT) + " WHERE "
                + identifier(SurveySeries.TAG_SENSOR) + " = " + InfluxQl.stringLiteral(String.valueOf(sensorId)) + " AND time >= "
                + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms ORDER BY time ASC LIMIT " + MAX_READINGS));
        List<DisplacementSeries.Reading> readings = new ArrayList<>();
        for (InfluxSeries series : result) {
            for (Map<String, Object> r : series.rows()) {
                double east = InfluxSeries.number(r, SurveySeries.FIELD_EAST);
                double north = InfluxSeries.number(r, SurveySeries.FIELD_NORTH);
                readings.add(new DisplacementSeries.Reading(Instant.ofEpochMilli(InfluxSeries.number(r, "time").longValue()),
                        InfluxSeries.number(r, SurveySeries.FIELD_EASTING), InfluxSeries.number(r, SurveySeries.FIELD_NORTHING),
                        InfluxSeries.number(r, SurveySeries.FIELD_HEIGHT), east, north, InfluxSeries.number(r, SurveySeries.FIELD_HORIZONTAL),
                        new HorizontalDisplacement(east, north, 0).azimuthDeg(), InfluxSeries.number(r, SurveySeries.FIELD_HEIGHT_CHANGE)));
            }
        }
        return readings;
    }
}
