package com.goafwatch.evaluation;

import com.goafwatch.threshold.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;

/**
 * Finds where along the fiber an aggregated value sits, for the few values that raise or hold a flag:
 * one selector statement each (max/min returns the sample's chainage), all in one round trip; then the
 * chainages become coordinates on the cable route in one PostGIS query.
 */
final class EvidenceLocator {

    private EvidenceLocator() {
    }

    private static String q(String identifier) {
        return InfluxQl.identifier(identifier);
    }

    static Map<Observation, Evidence> locate(InfluxClient influx, JdbcClient jdbc, List<Observation> wanted, StatementBatch batch) {
        Map<Observation, Integer> handles = new LinkedHashMap<>();
        Map<Observation, Evidence> located = new LinkedHashMap<>();
        List<Object[]> points = new ArrayList<>();
        for (Observation o : wanted) {
            EvidenceLookup l = o.locate();
            if (l == null) {
                // position known already (rates, baselined cables): coordinates only
                located.put(o, o.evidence());
                points.add(new Object[] {o, o.evidence().cableId(), o.evidence().chainageM()});
                continue;
            }
            String where = " WHERE " + q(FiberSeries.TAG_PARCEL) + " = " + InfluxQl.stringLiteral(String.valueOf(l.parcelId())) + " AND "
                    + q(FiberSeries.TAG_CABLE) + " = " + InfluxQl.stringLiteral(String.valueOf(l.cableId())) + " AND time >= " + l.fromMs()
                    + "ms AND time < " + l.toMs() + "ms";
            String statement = "rate".equals(l.field())
                    ? "SELECT " + l.selector() + "(\"r\"), \"c\", \"d\" FROM (SELECT last(" + q(FiberSeries.FIELD_STRAIN) + ") - first("
                            + q(FiberSeries.FIELD_STRAIN) + ") AS \"r\", last(" + q(FiberSeries.FIELD_CHAINAGE) + ") AS \"c\", last("
                            + q(FiberSeries.FIELD_DISTANCE) + ") AS \"d\" FROM " + q(FiberSeries.MEASUREMENT) + where + " GROUP BY "
                            + q(FiberSeries.TAG_POSITION) + ")"
                    : "SELECT " + l.selector() + "(" + q(l.field()) + "), " + q(FiberSeries.FIELD_CHAINAGE) + " AS \"c\", "
                            + q(FiberSeries.FIELD_DISTANCE) + " AS \"d\" FROM " + q(FiberSeries.MEASUREMENT) + where;
            handles.put(o, batch.add(statement));
        }
        batch.run(influx);
        handles.forEach((o, handle) -> {
            List<InfluxSeries> s = batch.series(handle);
            if (s.isEmpty() || s.get(0).rows().isEmpty()) {
                return;
            }
            Map<String, Object> r = s.get(0).rows().get(0);
            Double chainage = InfluxSeries.number(r, "c");
            boolean rate = "rate".equals(o.locate().field());
            Instant at = rate ? o.time() : Instant.ofEpochMilli(InfluxSeries.number(r, "time").longValue());
            Evidence e = o.evidence().located(chainage, InfluxSeries.number(r, "d"), InfluxSeries.number(r, o.locate().selector()), at);
            located.put(o, e);
            if (chainage != null) {
                points.add(new Object[] {o, o.locate().cableId(), chainage});
            }
        });
        if (!points.isEmpty()) {
            Long[] cables = points.stream().map(p -> (Long) p[1]).toArray(Long[]::new);
            Double[] chainages = points.stream().map(p -> (Double) p[2]).toArray(Double[]::new);
            jdbc.sql("""
                    SELECT u.i, ST_X(p.pt), ST_Y(p.pt)
                    FROM unnest(?::bigint[], ?::float8[]) WITH ORDINALITY AS u(cable_id, chainage, i)
                    JOIN cable c ON c.id = u.cable_id,
                    LATERAL (SELECT CASE WHEN c.route IS NULL THEN c.top_point ELSE ST_Transform(ST_LineInterpolatePoint(
                        ST_Transform(c.route, 4548), LEAST(1.0, GREATEST(0.0, u.chainage / NULLIF(ST_Length(ST_Transform(c.route, 4548)), 0)))),
                        4490) END AS pt) p""")
                    .params(cables, chainages)
                    .query(rs -> {
                        Observation o = (Observation) points.get(rs.getInt(1) - 1)[0];
                        if (rs.getObject(2) != null) {
                            located.put(o, located.get(o).at(rs.getDouble(2), rs.getDouble(3)));
                        }
                    });
        }
        return located;
    }
}
