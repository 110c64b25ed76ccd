package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12's field replay: one simulated year at field cadence ({@link FieldYear}: daily 1 m traces with
 * noise and seasonal temperature, half-monthly levelling, a 3-day interrogator outage, a cable added
 * mid-year, three one-sample spikes, two real deformation events) written through the ingestion API and
 * evaluated as the scheduler would, every 6 h of simulated time, with the shipped default rules. Expected
 * transitions come from the generator's growth laws and the rules' thresholds, never from the engine.
 *
 * <p>Judged on the alerts (what reaches an engineer): exactly the true events raise, each within one reading
 * interval of the instant its level is crossed; no level anywhere else; no-data alerts only during the outage,
 * one per silent cable, cleared when data returns; at most {@value #MONTHLY_BUDGET} alerts opened in any
 * month, and in the year two per true event (its rule and one companion) plus one per silent cable (6 with
 * the rules of site.json today). All checks are soft: one run lists every broken promise.
 */
@Tag("field-replay")
class FieldReplayTest extends IntegrationTest {

    /** Alerts an engineer can be asked to read in one month without muting the system. */
    static final int MONTHLY_BUDGET = 3;
    static final Duration CYCLE = Duration.ofHours(6);
    /** 12:10 site time on the first day, after the zero readings; then 18:10, 00:10, 06:10, … */
    static final Instant FIRST_CYCLE = FieldYear.START.plus(Duration.ofHours(12).plusMinutes(10));
    private static final List<String> FIBER_METRICS = List.of("fiber_strain", "fiber_strain_rate", "fiber_temperature");
    private static final String[] LEVELS = {"blue", "yellow", "orange", "red"};

    @Autowired
    Evaluator evaluator;

    private final FieldYear year = new FieldYear(20_261_130L);
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void aFieldYearRaisesExactlyTheTrueEventsInTime() throws Exception {
        JsonNode site = mapper.readTree(Files.readString(Path.of("gis-data/sample-site/site.json")));
        long projectId = project(site);
        String ruleSource = defaultRules(projectId, site);
        new Fixtures(api()).trenchCable(projectId, "C-1", FieldYear.c1Route()[0], FieldYear.c1Route()[1], FieldYear.c1Route()[2],
                FieldYear.c1Route()[3], FieldYear.C1_LENGTH_M);
        for (int i = 1; i <= 8; i++) {
            marker(projectId, "M" + i, FieldYear.markerEasting(i), N0 + 30);
        }
        long t0 = System.nanoTime();
        send(projectId, year.traces("C-1"));
        send(projectId, List.of(year.levelling()));
        awaitDrained();

        long ingestNanos = System.nanoTime() - t0;
        long cycleNanos = 0;
        int cycles = 0;
        boolean secondCable = false;
        // the scheduler's clock starts once the zero readings exist (first trace 02:00, first levelling 09:00 site time)
        for (Instant now = FIRST_CYCLE; now.isBefore(FieldYear.END); now = now.plus(CYCLE)) {
            if (!secondCable && !now.isBefore(FieldYear.day(FieldYear.C2_FIRST_DAY - 1))) {
                // installed mid-year: the cable exists from here on, its first trace comes a day later
                new Fixtures(api()).trenchCable(projectId, "C-2", FieldYear.c2Route()[0], FieldYear.c2Route()[1], FieldYear.c2Route()[2],
                        FieldYear.c2Route()[3], FieldYear.C2_LENGTH_M);
                send(projectId, year.traces("C-2"));
                awaitDrained();
                secondCable = true;
            }
            long c0 = System.nanoTime();
            CycleReport r = evaluator.evaluate(projectId, null, now, "schedule");
            cycleNanos += System.nanoTime() - c0;
            assertThat(r.dataSource()).as("cycle at %s", now).isEqualTo("ok");
            cycles++;
        }
        List<Map<String, Object>> alerts = alerts(projectId);
        ReplayTable table = new ReplayTable();
        SoftAssertions soft = new SoftAssertions();
        int trueEvents = judgeLevels(projectId, alerts, table);
        judgeSpikes(alerts, table);
        judgeNoData(alerts, table);
        judgeBudget(alerts, table, trueEvents);
        // information only (no assertion on speed): where the replay's time goes on this machine
        System.out.printf(Locale.ROOT, "%nField replay: %d cycles every %s (%.1f s evaluating, %.1f s writing C-1 and levelling), rules: %s,"
                + " spikes %s%n%s%n", cycles, CYCLE, cycleNanos / 1e9, ingestNanos / 1e9, ruleSource, year.spikes, table.render());
        soft.assertThat(table.failures()).as("expected vs observed transitions:%n%s", table.render()).isEmpty();
        soft.assertThat(table.countFailures()).as("counts and budgets (table printed above)").isEmpty();
        soft.assertAll();
    }

    /**
     * Threshold levels per parcel and sensor family (fiber, markers): the first instant each level was reached,
     * against the instant the event's growth law crosses the level's lowest threshold among the default rules.
     * Tolerance: from one reading interval early (noise) to one reading interval after the first reading whose
     * written value (noise included, known to the generator) is above the limit — one confirming reading — plus
     * one cycle.
     */
    /** @return how many parcel × sensor-family pairs have a true event */
    private int judgeLevels(long projectId, List<Map<String, Object>> alerts, ReplayTable table) {
        java.util.Set<String> trueEvents = new java.util.HashSet<>();
        List<Map<String, Object>> rules = api().get("/api/v1/projects/" + projectId + "/rules").json("$");
        Map<String, Instant[]> observed = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        Map<String, java.util.Set<Integer>> exact = new TreeMap<>();
        for (Map<String, Object> a : alerts) {
            if (!"threshold".equals(a.get("kind"))) {
                continue;
            }
            String key = a.get("parcelCode") + (FIBER_METRICS.contains(a.get("metric")) ? " fiber" : " markers");
            List<Map<String, Object>> events = api().get("/api/v1/alerts/" + a.get("id")).json("$.events");
            for (Map<String, Object> e : events) {
                if (e.get("level") == null || !("raised".equals(e.get("kind")) || "escalated".equals(e.get("kind")))) {
                    continue;
                }
                Instant at = Instant.parse((String) e.get("at"));
                int level = List.of(LEVELS).indexOf(e.get("level"));
                exact.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(level);
                Instant[] first = observed.computeIfAbsent(key, k -> new Instant[4]);
                for (int l = 0; l <= level; l++) {
                    if (first[l] == null || at.isBefore(first[l])) {
                        first[l] = at;
                        notes.put(key + l, a.get("ruleName") + " = " + e.get("value") + where(e.get("evidence")));
                    }
                }
            }
        }
        for (String parcel : List.of("P1", "P2", "P3", "P4")) {
            for (String family : List.of(" fiber", " markers")) {
                // fiber: only P2's bulge strains the ground; markers: each parcel's settlement law (M5 in P3, residual in P4)
                String key = parcel + family;
                for (int l = 0; l < 4; l++) {
                    Instant expected = null;
                    Duration early = Duration.ZERO;
                    Duration late = Duration.ZERO;
                    if (key.equals("P2 fiber")) {
                        Double limit = lowestLimit(rules, "fiber_strain", LEVELS[l]);
                        expected = limit == null ? null : FieldYear.bulgeReaches(limit);
                        if (expected != null) {
                            early = FieldYear.TRACE_INTERVAL;
                            late = lateBound(expected, FieldYear.firstReadingAtOrAbove(year.measuredBulgeUe, limit),
                                    FieldYear.TRACE_INTERVAL);
                        }
                    } else if (key.endsWith(" markers")) {
                        // every rule judging settlement's largest value, whatever its statistic is called, means the change
                        // within its window; the earliest-crossing rule sets the expectation
                        for (Map<String, Object> rule : settlementRules(rules)) {
                            Double limit = limit(rule, LEVELS[l]);
                            Duration window = Duration.ofSeconds(((Number) rule.get("windowSeconds")).longValue());
                            Instant crossing = limit == null ? null : FieldYear.settlementChangeReaches(parcel, limit, window);
                            if (crossing != null && (expected == null || crossing.isBefore(expected))) {
                                expected = crossing;
                                early = FieldYear.LEVELLING_INTERVAL;
                                late = lateBound(crossing, year.firstMeasuredChangeAtOrAbove(parcel, limit, window),
                                        FieldYear.LEVELLING_INTERVAL);
                            }
                        }
                    }
                    Instant seen = observed.getOrDefault(key, new Instant[4])[l];
                    // a level no rule defines appears only when raised as such, so "red at once" is not listed as blue too
                    if (expected != null) {
                        trueEvents.add(key);
                    }
                    if (expected != null || exact.getOrDefault(key, java.util.Set.of()).contains(l)) {
                        table.add(key + " reaches " + LEVELS[l], expected, seen, early, late, notes.get(key + l));
                    }
                }
            }
        }
        return trueEvents.size();
    }

    /** Due one reading interval (a confirming reading) after the first reading above the limit, plus one cycle. */
    private static Duration lateBound(Instant crossing, Instant firstReadingAbove, Duration interval) {
        Instant due = (firstReadingAbove == null ? crossing : firstReadingAbove).plus(interval).plus(CYCLE);
        return Duration.between(crossing, due.isBefore(crossing) ? crossing : due);
    }

    private static String where(Object evidence) {
        if (!(evidence instanceof Map<?, ?> e)) {
            return "";
        }
        return e.get("cable") != null ? " at " + e.get("cable") + " " + e.get("distanceM") + " m" : e.get("markers") != null ? " at " + e.get("markers") : "";
    }

    /** Enabled settlement rules judging a largest value (not min, mean, percentile). */
    private static List<Map<String, Object>> settlementRules(List<Map<String, Object>> rules) {
        return rules.stream().filter(r -> "settlement".equals(r.get("metric")) && Boolean.TRUE.equals(r.get("enabled"))
                && !List.of("min", "mean", "percentile", "length_over").contains(r.get("statistic"))).toList();
    }

    private static Double limit(Map<String, Object> rule, String level) {
        if (rule.get(level) == null) {
            return null;
        }
        double v = ((Number) rule.get(level)).doubleValue();
        return "percent".equals(rule.get("levelMode")) ? v / 100 * ((Number) rule.get("controlValue")).doubleValue() : v;
    }

    /** The lowest threshold of {@code level} among the enabled rules judging the largest value of a metric. */
    private static Double lowestLimit(List<Map<String, Object>> rules, String metric, String level) {
        return rules.stream().filter(r -> metric.equals(r.get("metric")) && Boolean.TRUE.equals(r.get("enabled"))
                && List.of("max_abs", "max").contains(r.get("statistic"))).map(r -> limit(r, level)).filter(java.util.Objects::nonNull)
                .min(Double::compare).orElse(null);
    }


    /** Each spike: no threshold alert on its parcel from its trace until two days later. */
    private void judgeSpikes(List<Map<String, Object>> alerts, ReplayTable table) {
        for (FieldYear.Spike spike : year.spikes) {
            Instant at = year.traceTime(spike.day());
            String parcel = FieldYear.parcelOf(spike);
            Instant raised = alerts.stream().filter(a -> "threshold".equals(a.get("kind")) && parcel.equals(a.get("parcelCode")))
                    .map(a -> Instant.parse((String) a.get("raisedAt"))).filter(t -> !t.isBefore(at) && t.isBefore(at.plus(Duration.ofDays(2))))
                    .min(Instant::compareTo).orElse(null);
            table.add("spike " + spike.cable() + " " + spike.distanceM() + " m (" + parcel + ") alerts", null, raised, Duration.ZERO,
                    Duration.ZERO, "trace " + at);
        }
    }

    /** No-data: one alert per silent cable during the outage, raised while silent, cleared within a trace interval of the data's return. */
    private void judgeNoData(List<Map<String, Object>> alerts, ReplayTable table) {
        Instant lastBefore = year.traceTime(FieldYear.OUTAGE_FIRST_DAY - 1);
        Instant back = year.traceTime(FieldYear.OUTAGE_LAST_DAY + 1);
        List<Map<String, Object>> noData = alerts.stream().filter(a -> "no_data".equals(a.get("kind"))).toList();
        List<Map<String, Object>> inOutage = new ArrayList<>();
        for (Map<String, Object> a : noData) {
            Instant raised = Instant.parse((String) a.get("raisedAt"));
            if (raised.isAfter(lastBefore) && !raised.isAfter(back)) {
                inOutage.add(a);
            } else {
                table.add("no-data " + a.get("parcelCode") + " " + a.get("ruleName"), null, raised, Duration.ZERO, Duration.ZERO,
                        "outside the outage");
            }
        }
        table.count("no-data alerts opened in the outage (C-1, C-2)", 2, true, inOutage.size());
        for (Map<String, Object> a : inOutage) {
            Instant cleared = a.get("clearedAt") == null ? null : Instant.parse((String) a.get("clearedAt"));
            table.add("no-data cleared " + a.get("parcelCode") + " " + a.get("ruleName"), back, cleared, Duration.ZERO,
                    FieldYear.TRACE_INTERVAL, "raised " + a.get("raisedAt"));
        }
    }

    /** Monthly: {@value #MONTHLY_BUDGET}; yearly: two per true event (its rule and one companion) and one per silent cable. */
    private void judgeBudget(List<Map<String, Object>> alerts, ReplayTable table, int trueEvents) {
        int yearly = 2 * trueEvents + 2;
        Map<YearMonth, Integer> perMonth = new TreeMap<>();
        for (Map<String, Object> a : alerts) {
            perMonth.merge(YearMonth.from(Instant.parse((String) a.get("raisedAt")).atZone(FieldYear.SITE)), 1, Integer::sum);
        }
        System.out.println("alerts opened per month (site time): " + perMonth + ", year: " + alerts.size());
        perMonth.forEach((month, n) -> table.count("alerts opened in " + month, MONTHLY_BUDGET, false, n));
        table.count("alerts opened in the year (" + trueEvents + " true events)", yearly, false, alerts.size());
    }

    private long project(JsonNode site) {
        ObjectNode p = ((ObjectNode) site.get("project")).deepCopy();
        String code = Fixtures.uniqueCode("REPLAY");
        p.put("code", code);
        p.put("name", "Field replay " + code);
        var r = api().postJson("/api/v1/projects", p.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        long projectId = ((Number) r.json("$.id")).longValue();
        new Fixtures(api()).phase(projectId, 1);
        String[] parcels = new String[4];
        for (int i = 0; i < 4; i++) {
            parcels[i] = feature("P" + (i + 1), 1, "Polygon", square(E0 + 100 * i, N0, 100));
        }
        var imported = new Fixtures(api()).importGeoJson(projectId, "?crs=EPSG:4548", collection(parcels));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        return projectId;
    }

    /** The rules a new project gets; if it gets none, the sample site's (site.json), as shipped. */
    private String defaultRules(long projectId, JsonNode site) {
        List<Object> existing = api().get("/api/v1/projects/" + projectId + "/rules").json("$");
        if (!existing.isEmpty()) {
            return existing.size() + " defaults of a new project";
        }
        int n = 0;
        for (JsonNode rule : site.get("rules")) {
            var r = api().postJson("/api/v1/projects/" + projectId + "/rules", rule.toString());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            n++;
        }
        return n + " rules of gis-data/sample-site/site.json";
    }

    private void marker(long projectId, String code, double e, double n) {
        var r = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", code, e, n));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Bulk writes through the line-protocol API, in bodies under the 1 MB upload limit of the test service. */
    private void send(long projectId, List<String> pieces) {
        StringBuilder body = new StringBuilder();
        for (String piece : pieces) {
            for (String line : piece.split("\n")) {
                if (body.length() + line.length() + 1 > 900_000) {
                    post(projectId, body.toString());
                    body.setLength(0);
                }
                body.append(line).append('\n');
            }
        }
        if (!body.isEmpty()) {
            post(projectId, body.toString());
        }
    }

    private void post(long projectId, String lineProtocol) {
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                lineProtocol.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    private List<Map<String, Object>> alerts(long projectId) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int offset = 0;; offset += 1000) {
            List<Map<String, Object>> page = api().get("/api/v1/alerts?project=" + projectId + "&limit=1000&offset=" + offset).json("$.alerts");
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
        }
    }
}
