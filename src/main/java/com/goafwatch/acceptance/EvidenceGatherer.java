package com.goafwatch.acceptance;

import static com.goafwatch.timeseries.InfluxQl.identifier;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.geo.LeastSquaresRate;
import com.goafwatch.project.SiteZones;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.PointSeries;

import tools.jackson.databind.JsonNode;

/**
 * Gathers the evidence of every parcel of a phase: treatment and QA from PostGIS, settlement (daily
 * means per marker) and strain (the per-trace rollups) over the stability window from InfluxDB in one
 * round trip of two aggregated statements, whatever the number of parcels.
 */
@Component
public class EvidenceGatherer {

    /** A settlement marker's daily means in the window (for the report's curves). */
    public record MarkerSeries(long sensorId, String code, long parcelId, List<Instant> days, List<Double> meanMm) {
    }

    /** Everything gathered for a phase, and how long InfluxDB took. */
    public record PhaseEvidence(List<ParcelEvidence> parcels, List<MarkerSeries> markers, Instant from, Instant to, long influxNanos) {
    }

    private record ParcelRow(long id, String code, double mu, String status, int holes, double take, LocalDate lastGrouted,
            boolean fiber, int severe) {
    }

    /** A settlement marker; x/y in EPSG:4548 metres (for tilt and curvature). */
    private record Marker(long id, String code, long parcelId, double x, double y) {
    }

    private final JdbcClient jdbc;
    private final InfluxClient influx;

    private final SiteZones zones;

    EvidenceGatherer(JdbcClient jdbc, InfluxClient influx, SiteZones zones) {
        this.jdbc = jdbc;
        this.influx = influx;
        this.zones = zones;
    }

    public PhaseEvidence gather(long projectId, long phaseId, AcceptanceCriteria criteria, Instant to) {
        return gather(projectId, phaseId, null, criteria, to);
    }

    /**
     * @param onlyParcel one parcel of the phase (a parcel panel or a decision), or null for all: the same queries,
     *                   scoped, so one parcel does not cost a whole phase's InfluxDB aggregation
     */
    public PhaseEvidence gather(long projectId, long phaseId, Long onlyParcel, AcceptanceCriteria criteria, Instant to) {
        AcceptanceCriteria c = criteria.withDefaults();
        // months and days are the site's: "six months before" and the daily means are cut at the site's midnight
        ZoneId zone = zones.zoneOf(projectId);
        Instant from = to.atZone(zone).minusMonths(c.stabilityMonths()).toInstant();
        List<ParcelRow> parcels = jdbc.sql("""
                SELECT p.id, p.code, p.area_mu, p.status,
                       (SELECT count(*) FROM borehole b WHERE b.parcel_id = p.id AND b.hole_type = 'grouting') AS holes,
                       (SELECT COALESCE(sum(b.grout_take_m3), 0) FROM borehole b WHERE b.parcel_id = p.id) AS take,
                       (SELECT max(b.grouted_on) FROM borehole b WHERE b.parcel_id = p.id AND b.hole_type = 'grouting') AS last_grouted,
                       EXISTS (SELECT 1 FROM cable_parcel_interval i WHERE i.parcel_id = p.id) AS fiber,
                       (SELECT count(*) FROM alert a WHERE a.parcel_id = p.id AND a.state <> 'cleared' AND a.level IN ('orange', 'red')) AS severe
                FROM parcel p WHERE p.phase_id = ? AND p.id = COALESCE(?::bigint, p.id) ORDER BY p.code""").params(phaseId, onlyParcel)
                .query((rs, i) -> new ParcelRow(rs.getLong("id"), rs.getString("code"), rs.getDouble("area_mu"), rs.getString("status"),
                        rs.getInt("holes"), rs.getDouble("take"), toLocal(rs.getDate("last_grouted")), rs.getBoolean("fiber"),
                        rs.getInt("severe")))
                .list();
        // the parcels' markers and every marker within two neighbour distances of them: the neighbours' own nearest markers are
        // then all known, so tilt and curvature come out the same whether one parcel or the whole phase is judged
        // (each marker transformed once, then plain distances in metres)
        List<Marker> markers = jdbc.sql("""
                WITH g AS (SELECT m.id, m.code, COALESCE(m.parcel_id, 0) AS parcel_id, ST_Transform(m.location, 4548) AS xy
                           FROM point_sensor m WHERE m.project_id = ? AND m.sensor_type = 'settlement-marker'),
                     scope AS (SELECT g.xy FROM g JOIN parcel p ON p.id = g.parcel_id WHERE p.phase_id = ? AND p.id = COALESCE(?::bigint, p.id))
                SELECT g.id, g.code, g.parcel_id, ST_X(g.xy), ST_Y(g.xy) FROM g
                WHERE EXISTS (SELECT 1 FROM scope s WHERE ST_DWithin(s.xy, g.xy, ?)) ORDER BY g.code""")
                .params(projectId, phaseId, onlyParcel, 2 * c.neighbourDistanceM())
                .query((rs, i) -> new Marker(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5))).list();
        java.util.Set<Long> parcelIdsInScope = parcels.stream().map(ParcelRow::id).collect(Collectors.toSet());
        Map<Long, Double> coupling = new HashMap<>();
        Map<Long, String> cableCodes = new HashMap<>();
        jdbc.sql("SELECT id, code, coupling_coefficient FROM cable WHERE project_id = ?").param(projectId).query(rs -> {
            coupling.put(rs.getLong(1), rs.getDouble(3));
            cableCodes.put(rs.getLong(1), rs.getString(2));
        });
        Map<Long, List<QaResult>> qa = qaByParcel(projectId, phaseId, onlyParcel, c);
        Map<Long, Map<Integer, Double>> takeByOrder = new HashMap<>();
        jdbc.sql("""
                SELECT b.parcel_id, b.hole_order, avg(b.grout_take_m3) FROM borehole b JOIN parcel p ON p.id = b.parcel_id
                WHERE p.phase_id = ? AND p.id = COALESCE(?::bigint, p.id) AND b.hole_type = 'grouting' AND b.hole_order IS NOT NULL
                  AND b.grout_take_m3 IS NOT NULL GROUP BY b.parcel_id, b.hole_order""").params(phaseId, onlyParcel)
                .query(rs -> {
                    takeByOrder.computeIfAbsent(rs.getLong(1), k -> new java.util.TreeMap<>()).put(rs.getInt(2), rs.getDouble(3));
                });

        long t0 = System.nanoTime();
        Map<Long, MarkerSeries> series = new LinkedHashMap<>();
        Map<Long, double[]> strain = new HashMap<>(); // parcel → {max |ground|, cable}
        if (!parcels.isEmpty()) {
            String time = "time >= " + InfluxQl.stringLiteral(from.toString()) + " AND time <= " + InfluxQl.stringLiteral(to.toString());
            List<String> statements = new ArrayList<>();
            // ids are numbers from the database, so the regular expressions cannot be injected into
            // strain: the second-largest rollup extreme, so a value must be reached twice (two traces, or two stretches of
            // one) and a one-sample spike does not count, as in the evaluation; straight on the rollups, no subquery, which
            // keeps a year of 15-minute traces a single pass
            String parcelIds = ids(parcels.stream().map(ParcelRow::id).toList());
            for (String[] f : new String[][] {{"top", FiberSeries.STAT_MAX}, {"bottom", FiberSeries.STAT_MIN}}) {
                statements.add("SELECT " + f[0] + "(" + identifier(f[1]) + ", 2) AS " + identifier("v") + " FROM "
                        + identifier(FiberSeries.STATS_MEASUREMENT) + " WHERE " + identifier(FiberSeries.TAG_PARCEL) + " =~ /^(" + parcelIds + ")$/ AND " + time + " GROUP BY "
                        + identifier(FiberSeries.TAG_PARCEL) + ", " + identifier(FiberSeries.TAG_CABLE));
            }
            if (!markers.isEmpty()) {
                statements.add("SELECT mean(" + identifier(PointSeries.FIELD_SETTLEMENT) + ") FROM " + identifier(PointSeries.SETTLEMENT)
                        + " WHERE " + identifier(PointSeries.TAG_SENSOR) + " =~ /^(" + ids(markers.stream().map(Marker::id).toList()) + ")$/ AND " + time
                        + " GROUP BY time(1d), " + identifier(PointSeries.TAG_SENSOR) + " fill(none) " + InfluxQl.tz(zone));
            }
            JsonNode response = influx.queryAll(statements);
            for (int statement = 0; statement < 2; statement++) {
                for (InfluxSeries s : InfluxSeries.of(response, statement)) {
                    if (s.rows().isEmpty()) {
                        continue;
                    }
                    long parcel = Long.parseLong(s.tags().get(FiberSeries.TAG_PARCEL));
                    long cable = Long.parseLong(s.tags().get(FiberSeries.TAG_CABLE));
                    double recurring = s.rows().stream().map(r -> InfluxSeries.number(r, "v")).filter(java.util.Objects::nonNull)
                            .mapToDouble(Math::abs).min().orElse(0);
                    double worst = recurring / coupling.getOrDefault(cable, 1.0);
                    double[] current = strain.get(parcel);
                    if (current == null || worst > current[0]) {
                        strain.put(parcel, new double[] {worst, cable});
                    }
                }
            }
            if (!markers.isEmpty()) {
                Map<Long, Marker> byId = markers.stream().collect(Collectors.toMap(Marker::id, m -> m));
                for (InfluxSeries s : InfluxSeries.of(response, 2)) {
                    Marker m = byId.get(Long.parseLong(s.tags().get(PointSeries.TAG_SENSOR)));
                    List<Instant> days = new ArrayList<>();
                    List<Double> means = new ArrayList<>();
                    for (Map<String, Object> row : s.rows()) {
                        Double v = InfluxSeries.number(row, "mean");
                        if (v != null) {
                            days.add(Instant.ofEpochMilli(InfluxSeries.number(row, "time").longValue()));
                            means.add(v);
                        }
                    }
                    series.put(m.id(), new MarkerSeries(m.id(), m.code(), m.parcelId(), days, means));
                }
            }
        }
        long influxNanos = System.nanoTime() - t0;

        List<GroundGradients.Marker> moved = new ArrayList<>();
        for (Marker m : markers) {
            ParcelEvidence.MarkerSettlement ms = settlement(m, series.get(m.id()));
            if (ms.cumulativeMm() != null) {
                moved.add(new GroundGradients.Marker(m.code(), m.x(), m.y(), ms.cumulativeMm()));
            }
        }
        GroundGradients.Result gradients = GroundGradients.of(moved, c.neighbourDistanceM());
        List<ParcelEvidence> evidence = new ArrayList<>();
        for (ParcelRow p : parcels) {
            List<ParcelEvidence.MarkerSettlement> settlement = markers.stream().filter(m -> m.parcelId() == p.id())
                    .map(m -> settlement(m, series.get(m.id()))).toList();
            var own = settlement.stream().map(ParcelEvidence.MarkerSettlement::code).collect(Collectors.toSet());
            double[] s = strain.get(p.id());
            evidence.add(new ParcelEvidence(p.id(), p.code(), p.mu(), p.status(), p.holes(), p.take(), p.lastGrouted(),
                    qa.getOrDefault(p.id(), List.of()), settlement, p.fiber(), s == null ? null : s[0],
                    s == null ? null : cableCodes.get((long) s[1]), p.severe(), from, to, zone, takeByOrder.getOrDefault(p.id(), Map.of()),
                    gradients.of(own)));
        }
        // the report's curves: the phase's own markers, not the neighbours read for tilt and curvature
        List<MarkerSeries> ownSeries = series.values().stream().filter(ms -> parcelIdsInScope.contains(ms.parcelId())).toList();
        return new PhaseEvidence(evidence, ownSeries, from, to, influxNanos);
    }

    /** QA tests of the phase's parcels, judged. */
    public Map<Long, List<QaResult>> qaByParcel(long projectId, long phaseId, AcceptanceCriteria c) {
        return qaByParcel(projectId, phaseId, null, c);
    }

    private Map<Long, List<QaResult>> qaByParcel(long projectId, long phaseId, Long onlyParcel, AcceptanceCriteria c) {
        Map<Long, List<QaResult>> byParcel = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT q.id, q.code, q.test_type, b.code AS borehole, pc.id AS parcel_id, pc.code AS parcel, q.tested_on, q.fluid_loss,
                       q.reinjection_m3, q.core_strength_mpa, q.wave_velocity_ms, q.defect_found, q.notes,
                       (SELECT avg(n.grout_take_m3) FROM (SELECT g.grout_take_m3 FROM borehole g
                          WHERE b.id IS NOT NULL AND g.project_id = q.project_id AND g.hole_type = 'grouting' AND g.grout_take_m3 IS NOT NULL
                          ORDER BY g.collar <-> b.collar LIMIT 4) n) AS neighbour_mean
                FROM qa_test q LEFT JOIN borehole b ON b.id = q.borehole_id
                JOIN parcel pc ON pc.id = COALESCE(q.parcel_id, b.parcel_id)
                WHERE q.project_id = ? AND pc.phase_id = ? AND pc.id = COALESCE(?::bigint, pc.id) ORDER BY q.code""")
                .params(projectId, phaseId, onlyParcel).query(rs -> {
                    QaResult raw = new QaResult(rs.getLong("id"), rs.getString("code"), rs.getString("test_type"), rs.getString("borehole"),
                            rs.getLong("parcel_id"), rs.getString("parcel"), toLocal(rs.getDate("tested_on")), rs.getString("fluid_loss"),
                            (Double) rs.getObject("reinjection_m3"), number(rs.getObject("neighbour_mean")),
                            (Double) rs.getObject("core_strength_mpa"), (Double) rs.getObject("wave_velocity_ms"),
                            (Boolean) rs.getObject("defect_found"), rs.getString("notes"), null, null);
                    byParcel.computeIfAbsent(raw.parcelId(), k -> new ArrayList<>()).add(QaJudge.judge(raw, c));
                });
        return byParcel;
    }

    /** Cumulative settlement and least-squares rate of a marker's daily means. */
    static ParcelEvidence.MarkerSettlement settlement(Marker m, MarkerSeries s) {
        if (s == null || s.meanMm().isEmpty()) {
            return new ParcelEvidence.MarkerSettlement(m.id(), m.code(), 0, 0, null, null, null);
        }
        int n = s.meanMm().size();
        long[] daysMs = s.days().stream().mapToLong(Instant::toEpochMilli).toArray();
        Double rate = LeastSquaresRate.perDay(daysMs, s.meanMm().stream().mapToDouble(Double::doubleValue).toArray());
        double span = (s.days().get(n - 1).getEpochSecond() - s.days().get(0).getEpochSecond()) / 86400.0;
        return new ParcelEvidence.MarkerSettlement(m.id(), m.code(), n, span, s.meanMm().get(n - 1) - s.meanMm().get(0), rate,
                s.meanMm().get(n - 1));
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }

    private static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static LocalDate toLocal(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
