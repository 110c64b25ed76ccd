package com.goafwatch.monitoring;

import static com.goafwatch.timeseries.InfluxQl.identifier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.fiber.Cable;
import com.goafwatch.system.ApiException;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;

/** Profile and history queries over {@code fiber_strain}. Every literal is quoted by {@link InfluxQl}. */
@Service
public class FiberQueries {

    static final int MAX_POINTS = 5000;

    private final InfluxClient influx;
    private final JdbcClient jdbc;

    FiberQueries(InfluxClient influx, JdbcClient jdbc) {
        this.influx = influx;
        this.jdbc = jdbc;
    }

    public FiberProfile profile(Cable cable, Instant at) {
        String where = identifier(FiberSeries.TAG_CABLE) + " = " + InfluxQl.stringLiteral(String.valueOf(cable.id()));
        Long before = nearestTrace("last", where, at, true);
        Long after = nearestTrace("first", where, at, false);
        Long trace = before == null ? after : after == null ? before
                : (at.toEpochMilli() - before <= after - at.toEpochMilli() ? before : after);
        if (trace == null) {
            return new FiberProfile(cable.id(), cable.code(), at, null, List.of());
        }
        List<InfluxSeries> result = InfluxSeries.of(influx.query("SELECT " + Stream.of(FiberSeries.FIELD_STRAIN,
                FiberSeries.FIELD_RAW_STRAIN, FiberSeries.FIELD_TEMPERATURE, FiberSeries.FIELD_DISTANCE, FiberSeries.FIELD_CHAINAGE,
                FiberSeries.TAG_PARCEL).map(InfluxQl::identifier).collect(Collectors.joining(", ")) + " FROM "
                + identifier(FiberSeries.MEASUREMENT) + " WHERE " + where + " AND time = " + trace + "ms"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InfluxSeries series : result) {
            for (Map<String, Object> r : series.rows()) {
                // a row without distance or strain is no sample (e.g. a trace still being written)
                if (InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE) != null && InfluxSeries.number(r, FiberSeries.FIELD_STRAIN) != null) {
                    rows.add(r);
                }
            }
        }
        rows.sort(Comparator.comparingDouble(r -> InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE)));
        double[][] coordinates = coordinates(cable, rows);
        List<FiberProfile.Sample> samples = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            samples.add(new FiberProfile.Sample(InfluxSeries.number(r, FiberSeries.FIELD_DISTANCE),
                    InfluxSeries.number(r, FiberSeries.FIELD_CHAINAGE), InfluxSeries.number(r, FiberSeries.FIELD_STRAIN),
                    InfluxSeries.number(r, FiberSeries.FIELD_RAW_STRAIN), InfluxSeries.number(r, FiberSeries.FIELD_TEMPERATURE),
                    (String) r.get(FiberSeries.TAG_PARCEL), coordinates[i] == null ? null : coordinates[i][0],
                    coordinates[i] == null ? null : coordinates[i][1]));
        }
        return new FiberProfile(cable.id(), cable.code(), at, Instant.ofEpochMilli(trace), samples);
    }

    /**
     * @param distanceM one position, or null to use the range
     * @param siteDays  daily buckets cut at this zone's midnight (the site's days), or null for {@code points} buckets
     */
    FiberHistory history(Cable cable, Double distanceM, Double fromM, Double toM, TimeRange range, int points, ZoneId siteDays) {
        if (siteDays == null && (points < 1 || points > MAX_POINTS)) {
            throw ApiException.badRequest("invalid-parameter", "points must be between 1 and " + MAX_POINTS).with("parameter", "points");
        }
        String selection;
        String filter;
        if (distanceM != null) {
            selection = "distance " + distanceM + " m";
            filter = identifier(FiberSeries.TAG_POSITION) + " = " + InfluxQl.stringLiteral(FiberSeries.positionTag(distanceM));
        } else if (fromM != null && toM != null && fromM <= toM) {
            selection = "distance " + fromM + "-" + toM + " m";
            filter = identifier(FiberSeries.FIELD_DISTANCE) + " >= " + fromM + " AND " + identifier(FiberSeries.FIELD_DISTANCE) + " <= " + toM;
        } else {
            throw ApiException.badRequest("invalid-parameter", "give distance, or distanceFrom ≤ distanceTo");
        }
        long span = range.to().toEpochMilli() - range.from().toEpochMilli();
        long bucket = siteDays != null ? 86_400_000L : Math.max(1, (span + points - 1) / points);
        // days start at the site's midnight (tz), other buckets at `from` (offset), not at an epoch-aligned boundary
        String grouping = siteDays != null ? "time(1d) fill(none) " + InfluxQl.tz(siteDays)
                : "time(" + bucket + "ms, " + Math.floorMod(range.from().toEpochMilli(), bucket) + "ms) fill(none)";
        String s = identifier(FiberSeries.FIELD_STRAIN);
        List<InfluxSeries> result = InfluxSeries.of(influx.query("SELECT min(" + s + "), max(" + s + "), mean(" + s + "), count(" + s
                + ") FROM " + identifier(FiberSeries.MEASUREMENT) + " WHERE " + identifier(FiberSeries.TAG_CABLE) + " = "
                + InfluxQl.stringLiteral(String.valueOf(cable.id())) + " AND " + filter + " AND " + range.influxQl()
                + " GROUP BY " + grouping));
        List<FiberHistory.Bucket> buckets = new ArrayList<>();
        for (InfluxSeries series : result) {
            for (Map<String, Object> r : series.rows()) {
                Instant start = Instant.ofEpochMilli(InfluxSeries.number(r, "time").longValue());
                buckets.add(new FiberHistory.Bucket(start, InfluxSeries.number(r, "min"), InfluxSeries.number(r, "max"),
                        InfluxSeries.number(r, "mean"), InfluxSeries.number(r, "count").longValue(),
                        siteDays == null ? null : LocalDate.ofInstant(start, siteDays)));
            }
        }
        return new FiberHistory(cable.id(), selection, range.from(), range.to(), bucket, siteDays == null ? null : siteDays.getId(), buckets);
    }

    /**
     * Time of the trace nearest before (or after) {@code at}: searched in widening windows (a day, a month,
     * then all time), so the usual question, "the latest trace", reads only the newest data.
     */
    private Long nearestTrace(String selector, String where, Instant at, boolean before) {
        long t = at.toEpochMilli();
        for (long windowMs : new long[] {86_400_000L, 30 * 86_400_000L, Long.MAX_VALUE}) {
            String range = before
                    ? "time <= " + t + "ms" + (windowMs == Long.MAX_VALUE ? "" : " AND time >= " + (t - windowMs) + "ms")
                    : "time >= " + t + "ms" + (windowMs == Long.MAX_VALUE ? "" : " AND time <= " + (t + windowMs) + "ms");
            Long found = traceTime("SELECT " + selector + "(" + identifier(FiberSeries.FIELD_STRAIN) + ") FROM " + identifier(FiberSeries.MEASUREMENT)
                    + " WHERE " + where + " AND " + range);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private Long traceTime(String influxQl) {
        List<InfluxSeries> result = InfluxSeries.of(influx.query(influxQl));
        if (result.isEmpty() || result.get(0).rows().isEmpty()) {
            return null;
        }
        return InfluxSeries.number(result.get(0).rows().get(0), "time").longValue();
    }

    /** lon/lat of each row's chainage along the route (borehole: its top), in one PostGIS call. */
    private double[][] coordinates(Cable cable, List<Map<String, Object>> rows) {
        Double[] chainages = rows.stream().map(r -> InfluxSeries.number(r, FiberSeries.FIELD_CHAINAGE)).toArray(Double[]::new);
        double[][] result = new double[rows.size()][];
        jdbc.sql("""
                WITH c AS (SELECT route IS NULL AS borehole, top_point, ST_Transform(route, 4548) AS g FROM cable WHERE id = ?)
                SELECT u.i, ST_X(p.pt), ST_Y(p.pt)
                FROM c, unnest(?::float8[]) WITH ORDINALITY AS u(chainage, i),
                LATERAL (SELECT CASE WHEN c.borehole THEN c.top_point ELSE ST_Transform(ST_LineInterpolatePoint(
                    c.g, LEAST(1.0, GREATEST(0.0, u.chainage / ST_Length(c.g)))), 4490) END AS pt) p
                WHERE u.chainage IS NOT NULL""")
                .params(cable.id(), chainages)
                .query(rs -> {
                    result[rs.getInt(1) - 1] = new double[] {rs.getDouble(2), rs.getDouble(3)};
                });
        return result;
    }
}
