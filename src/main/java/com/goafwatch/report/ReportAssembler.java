package com.goafwatch.report;

import static com.goafwatch.timeseries.InfluxQl.identifier;

import java.sql.Date;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.AcceptanceService;
import com.goafwatch.acceptance.DecisionService;
import com.goafwatch.acceptance.ParcelEvidence;
import com.goafwatch.acceptance.QaResult;
import com.goafwatch.acceptance.Verdict;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.forecast.ForecastService;
import com.goafwatch.forecast.ParcelForecast;
import com.goafwatch.monitoring.FiberProfile;
import com.goafwatch.monitoring.FiberQueries;
import com.goafwatch.phase.Phase;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.project.Project;
import com.goafwatch.project.ProjectRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.timeseries.FiberSeries;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;

/**
 * Gathers a phase's report content once: verdicts and their evidence (one InfluxDB round trip), the
 * treatment records, QA, strain histories (per-trace rollups, one round trip) and the last profile per
 * cable, alerts with their acknowledgements, the decisions so far, and the map's geometry.
 */
@Component
class ReportAssembler {

    /** The content, the map figure's data, and the time spent waiting for InfluxDB. */
    record Assembled(ReportContent content, MapData map, long influxNanos) {
    }

    private final AcceptanceService acceptance;
    private final DecisionService decisions;
    private final PhaseRepository phases;
    private final ProjectRepository projects;
    private final CableRepository cables;
    private final FiberQueries fiber;
    private final InfluxClient influx;
    private final JdbcClient jdbc;
    private final ForecastService forecasts;
    private final com.goafwatch.project.SiteZones zones;
    private final com.goafwatch.survey.DisplacementQueries displacements;

    ReportAssembler(AcceptanceService acceptance, DecisionService decisions, PhaseRepository phases, ProjectRepository projects,
            CableRepository cables, FiberQueries fiber, InfluxClient influx, JdbcClient jdbc, ForecastService forecasts,
            com.goafwatch.project.SiteZones zones, com.goafwatch.survey.DisplacementQueries displacements) {
        this.zones = zones;
        this.displacements = displacements;
        this.forecasts = forecasts;
        this.acceptance = acceptance;
        this.decisions = decisions;
        this.phases = phases;
        this.projects = projects;
        this.cables = cables;
        this.fiber = fiber;
        this.influx = influx;
        this.jdbc = jdbc;
    }

    Assembled assemble(long phaseId, Instant at, String language, String generatedBy) {
        Phase phase = phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        Project project = projects.require(phase.projectId());
        ZoneId siteZone = zones.zoneOf(project.id());
        AcceptanceService.Evaluation evaluation = acceptance.evaluate(phaseId, at);
        var verdicts = evaluation.acceptance();
        var evidence = evaluation.evidence();
        long influxNanos = evidence.influxNanos();

        Map<String, Long> byVerdict = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            byVerdict.put(v.json(), verdicts.parcels().stream().filter(p -> p.verdict() == v).count());
        }
        ReportContent.Summary summary = new ReportContent.Summary(verdicts.parcelCount(), verdicts.totalMu(), verdicts.verdict(),
                verdicts.meetsMu(), byVerdict);
        ReportContent.Meta meta = new ReportContent.Meta(project.code(), project.name(), phase.ordinal(), phase.name(), phase.status(),
                phase.worksActualStart(), phase.worksActualEnd(), phase.testingActualEnd(), evidence.from(), evidence.to(), Instant.now(),
                generatedBy, language,
                reportNumber(project, phase, at, siteZone), phase.acceptancePlanned(), ReportPartiesController.of(jdbc, project.id()),
                siteZone.getId());

        List<QaResult> qa = evidence.parcels().stream().flatMap(p -> p.qaTests().stream()).toList();
        Map<Long, String> parcelCodes = evidence.parcels().stream().collect(Collectors.toMap(ParcelEvidence::parcelId, ParcelEvidence::code));
        List<ReportContent.MarkerRow> markers = new ArrayList<>();
        for (ParcelEvidence p : evidence.parcels()) {
            for (ParcelEvidence.MarkerSettlement m : p.markers()) {
                markers.add(new ReportContent.MarkerRow(m.code(), p.code(), m.readings(), m.spanDays(), m.cumulativeMm(), m.rateMmPerDay(),
                        m.latestMm()));
            }
        }
        long t0 = System.nanoTime();
        List<ReportContent.CableRow> cableRows = cables(phaseId, evidence.from(), evidence.to(), siteZone);
        ForecastService.PhaseForecast forecast = forecasts.phase(phaseId, at);
        List<ReportContent.SurveyedMarker> survey = survey(phaseId, evidence.from(), evidence.to());
        influxNanos += System.nanoTime() - t0;
        Map<String, ParcelForecast> forecastByCode = forecast.parcels().stream().collect(Collectors.toMap(ParcelForecast::code, f -> f));

        ReportContent content = new ReportContent(meta, summary, verdicts.parcels(), treatment(phaseId), qa,
                new ReportContent.Monitoring(markers, evidence.markers(), cableRows, survey), alerts(phaseId, evidence.from(), evidence.to(), new ReportText(language, siteZone)),
                verdicts.criteria(), decisions.decisions(phaseId), new ReportContent.Forecasts(forecast.criterion(), forecast.parcels()),
                Conclusions.of(verdicts.parcels(), forecastByCode, verdicts.criteria(), at, siteZone));
        return new Assembled(content, map(phaseId, mapSrid(project), verdicts.parcels()), influxNanos);
    }

    /**
     * {prefix}-{phase}-{yyyyMMdd of the data's end, site time}-{nn}: prefix = the project's report-number prefix (default its
     * code), nn = this phase's reports so far + 1, so the numbers of one phase run on.
     */
    private String reportNumber(Project project, Phase phase, Instant at, ZoneId siteZone) {
        String prefix = java.util.Objects.requireNonNullElse(ReportPartiesController.of(jdbc, project.id()).reportNumberPrefix(), project.code());
        long before = jdbc.sql("SELECT count(*) FROM report WHERE phase_id = ?").param(phase.id()).query(Long.class).single();
        return String.format(java.util.Locale.ROOT, "%s-%d-%s-%02d", prefix, phase.ordinal(),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").format(at.atZone(siteZone)), before + 1);
    }

    /** The phase's markers with a survey baseline and their survey readings in the window (one query per surveyed marker). */
    private List<ReportContent.SurveyedMarker> survey(long phaseId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT m.id, m.code, p.code, b.srid, b.observed_at FROM survey_baseline b JOIN point_sensor m ON m.id = b.sensor_id
                JOIN parcel p ON p.id = m.parcel_id WHERE p.phase_id = ? ORDER BY m.code""").param(phaseId)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant()})
                .list().stream()
                .map(r -> new ReportContent.SurveyedMarker((String) r[1], (String) r[2], "EPSG:" + r[3], (Instant) r[4],
                        displacements.readings((Long) r[0], from, to.plusMillis(1))))
                .toList();
    }

    private ReportContent.Treatment treatment(long phaseId) {
        List<ReportContent.HoleRow> holes = jdbc.sql("""
                SELECT b.code, b.hole_type, b.hole_order, pc.code AS parcel, b.measured_depth_m, b.vertical_depth_m, b.depth_to_goaf_m,
                       b.grout_take_m3, b.waste_share, b.grout_pressure_mpa, b.grouted_on
                FROM borehole b JOIN parcel pc ON pc.id = b.parcel_id WHERE pc.phase_id = ? ORDER BY b.code""").param(phaseId)
                .query((rs, i) -> new ReportContent.HoleRow(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getDouble(5), rs.getDouble(6), (Double) rs.getObject(7), (Double) rs.getObject(8), (Double) rs.getObject(9),
                        (Double) rs.getObject(10), local(rs.getDate(11))))
                .list();
        Map<String, Long> byType = new TreeMap<>(holes.stream().collect(Collectors.groupingBy(ReportContent.HoleRow::type, Collectors.counting())));
        double metres = holes.stream().mapToDouble(ReportContent.HoleRow::measuredDepthM).sum();
        double grout = holes.stream().mapToDouble(h -> h.groutTakeM3() == null ? 0 : h.groutTakeM3()).sum();
        double waste = holes.stream().mapToDouble(h -> h.groutTakeM3() == null || h.wasteShare() == null ? 0 : h.groutTakeM3() * h.wasteShare())
                .sum();
        return new ReportContent.Treatment(holes.size(), byType, metres, grout, waste, holes);
    }

    /** Cables crossing the phase: daily extremes of the per-trace rollups and the last profile in the window. */
    private List<ReportContent.CableRow> cables(long phaseId, Instant from, Instant to, java.time.ZoneId siteZone) {
        Map<Long, List<ReportContent.ParcelSpan>> spans = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT i.cable_id, p.code, i.chainage_from_m, i.chainage_to_m FROM cable_parcel_interval i JOIN parcel p ON p.id = i.parcel_id
                WHERE p.phase_id = ? ORDER BY i.cable_id, i.chainage_from_m""").param(phaseId).query(rs -> {
                    spans.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ReportContent.ParcelSpan(rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
                });
        if (spans.isEmpty()) {
            return List.of();
        }
        String ids = spans.keySet().stream().map(String::valueOf).collect(Collectors.joining("|"));
        // each day's value reached at least twice (two traces, or two stretches of one), as the verdict's strain is, so a
        // one-sample spike the verdict ignores is not drawn either: of the day's two largest per-trace maxima the smaller,
        // of the two smallest minima the larger; a day with one rollup only has no such value. top()/bottom() per day keep
        // it one pass over the rollups (a subquery over a year of 15-minute rollups outran the client's timeout)
        String where = " FROM " + identifier(FiberSeries.STATS_MEASUREMENT) + " WHERE " + identifier(FiberSeries.TAG_CABLE) + " =~ /^(" + ids
                + ")$/ AND time >= " + InfluxQl.stringLiteral(from.toString()) + " AND time <= " + InfluxQl.stringLiteral(to.toString());
        String daily = " GROUP BY time(1d), " + identifier(FiberSeries.TAG_CABLE) + " fill(none) " + InfluxQl.tz(siteZone);
        var response = influx.queryAll(List.of(
                "SELECT top(" + identifier(FiberSeries.STAT_MAX) + ", 2) AS " + identifier("v") + where + daily,
                "SELECT bottom(" + identifier(FiberSeries.STAT_MIN) + ", 2) AS " + identifier("v") + where + daily));
        List<Map<Long, Map<Long, Double>>> extremes = List.of(new HashMap<>(), new HashMap<>()); // hi, lo: cable → site day ms → µε
        for (int statement = 0; statement < 2; statement++) {
            boolean top = statement == 0;
            for (InfluxSeries s : InfluxSeries.of(response, statement)) {
                Map<Long, List<Double>> values = new TreeMap<>();
                for (Map<String, Object> row : s.rows()) {
                    Double v = InfluxSeries.number(row, "v");
                    if (v != null) {
                        // the row's time is its day's start or the point's own time, depending on the server: the site day either way
                        long day = Instant.ofEpochMilli(InfluxSeries.number(row, "time").longValue()).atZone(siteZone).toLocalDate()
                                .atStartOfDay(siteZone).toInstant().toEpochMilli();
                        values.computeIfAbsent(day, k -> new ArrayList<>()).add(v);
                    }
                }
                Map<Long, Double> byDay = extremes.get(statement).computeIfAbsent(Long.parseLong(s.tags().get(FiberSeries.TAG_CABLE)),
                        k -> new TreeMap<>());
                values.forEach((day, vs) -> {
                    if (vs.size() >= 2) {
                        byDay.put(day, top ? java.util.Collections.min(vs) : java.util.Collections.max(vs));
                    }
                });
            }
        }
        List<ReportContent.CableRow> rows = new ArrayList<>();
        for (Map.Entry<Long, List<ReportContent.ParcelSpan>> e : spans.entrySet()) {
            var cable = cables.findById(e.getKey()).orElseThrow();
            double k = cable.couplingCoefficient();
            List<Instant> days = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            Map<Long, Double> his = extremes.get(0).getOrDefault(e.getKey(), Map.of());
            Map<Long, Double> los = extremes.get(1).getOrDefault(e.getKey(), Map.of());
            for (Map.Entry<Long, Double> day : his.entrySet()) {
                Double l = los.get(day.getKey());
                if (l != null) {
                    days.add(Instant.ofEpochMilli(day.getKey()));
                    hi.add(day.getValue() / k);
                    lo.add(l / k);
                }
            }
            FiberProfile profile = fiber.profile(cable, to);
            List<double[]> points = profile.samples().stream().filter(p -> p.chainageM() != null)
                    .map(p -> new double[] {p.chainageM(), p.strainUe() / k}).toList();
            rows.add(new ReportContent.CableRow(cable.code(), k, days, hi, lo, profile.traceTime(), points, e.getValue()));
        }
        return rows;
    }

    /** The phase's alerts in the window; their acknowledgements and comments as notes in the report's language and site time. */
    private List<ReportContent.AlertRow> alerts(long phaseId, Instant from, Instant to, ReportText t) {
        Map<Long, List<String>> notes = new HashMap<>();
        jdbc.sql("""
                SELECT e.alert_id, e.kind, e.actor, e.at, e.comment FROM alert_event e JOIN alert a ON a.id = e.alert_id
                WHERE a.phase_id = ? AND e.kind IN ('acknowledged', 'comment') ORDER BY e.id""").param(phaseId).query(rs -> {
                    notes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(t.get("event." + rs.getString(2)) + " · "
                            + rs.getString(3) + " · " + t.minute(rs.getTimestamp(4).toInstant())
                            + (rs.getString(5) == null ? "" : " · " + rs.getString(5)));
                });
        return jdbc.sql("""
                SELECT a.id, p.code, a.rule_name, a.kind, a.level, a.peak_level, a.state, a.value, a.threshold, a.unit, a.raised_at,
                       a.acknowledged_at, a.acknowledged_by, a.cleared_at
                FROM alert a JOIN parcel p ON p.id = a.parcel_id
                WHERE a.phase_id = ? AND a.raised_at <= ? AND (a.cleared_at IS NULL OR a.cleared_at >= ?) ORDER BY a.raised_at, a.id""")
                .params(phaseId, java.sql.Timestamp.from(to), java.sql.Timestamp.from(from))
                .query((rs, i) -> new ReportContent.AlertRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), (Double) rs.getObject(8), (Double) rs.getObject(9), rs.getString(10),
                        instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), rs.getString(13), instant(rs.getTimestamp(14)),
                        notes.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    /** The maps' CRS: the project's survey CRS when projected, else the CRS areas are measured in (a map needs metres). */
    private static int mapSrid(Project project) {
        return com.goafwatch.geo.SupportedCrs.bySrid(project.surveySrid()).filter(c -> !c.isGeographic())
                .map(com.goafwatch.geo.SupportedCrs::srid).orElse(com.goafwatch.geo.SupportedCrs.AREA_SRID);
    }

    private MapData map(long phaseId, int srid, List<AcceptanceRules.ParcelVerdict> verdicts) {
        Map<Long, Verdict> verdict = verdicts.stream().collect(Collectors.toMap(AcceptanceRules.ParcelVerdict::parcelId,
                AcceptanceRules.ParcelVerdict::verdict, (a, b) -> a));
        WKBReader wkb = new WKBReader();
        Function<byte[], org.locationtech.jts.geom.Geometry> read = bytes -> {
            try {
                return wkb.read(bytes);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        };
        MapCrs crs = MapCrs.fromWkt(srid, jdbc.sql("SELECT srtext FROM spatial_ref_sys WHERE srid = ?").param(srid).query(String.class)
                .optional().orElse(null));
        List<MapData.Shape> parcels = jdbc.sql("SELECT id, code, ST_AsBinary(ST_Transform(geom, ?)) FROM parcel WHERE phase_id = ? ORDER BY code")
                .params(srid, phaseId).query((rs, i) -> new MapData.Shape(rs.getString(2), read.apply(rs.getBytes(3)), verdict.get(rs.getLong(1))))
                .list();
        List<MapData.Shape> cableShapes = jdbc.sql("""
                SELECT DISTINCT c.code, ST_AsBinary(ST_Transform(COALESCE(c.route, c.top_point), ?)) FROM cable c
                JOIN cable_parcel_interval i ON i.cable_id = c.id JOIN parcel p ON p.id = i.parcel_id WHERE p.phase_id = ?""")
                .params(srid, phaseId).query((rs, i) -> new MapData.Shape(rs.getString(1), read.apply(rs.getBytes(2)), null)).list();
        List<MapData.Shape> holes = jdbc.sql("""
                SELECT b.code, ST_AsBinary(ST_Transform(ST_Force2D(b.path), ?)) FROM borehole b JOIN parcel p ON p.id = b.parcel_id
                WHERE p.phase_id = ?""").params(srid, phaseId).query((rs, i) -> new MapData.Shape(rs.getString(1), read.apply(rs.getBytes(2)), null))
                .list();
        List<MapData.Shape> markers = jdbc.sql("""
                SELECT m.code, ST_AsBinary(ST_Transform(m.location, ?)) FROM point_sensor m JOIN parcel p ON p.id = m.parcel_id
                WHERE p.phase_id = ? AND m.sensor_type = 'settlement-marker' ORDER BY m.code""").params(srid, phaseId)
                .query((rs, i) -> new MapData.Shape(rs.getString(1), read.apply(rs.getBytes(2)), null)).list();
        List<MapData.Panel> panels = jdbc.sql("""
                SELECT name, ST_AsBinary(ST_Transform(geom, ?)), seam_thickness_m, depth_m FROM goaf_panel
                WHERE project_id = (SELECT project_id FROM phase WHERE id = ?) ORDER BY name""").params(srid, phaseId)
                .query((rs, i) -> new MapData.Panel(rs.getString(1), read.apply(rs.getBytes(2)), rs.getDouble(3), rs.getDouble(4))).list();
        return new MapData(crs, parcels, cableShapes, holes, markers, panels);
    }

    private static java.time.LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
