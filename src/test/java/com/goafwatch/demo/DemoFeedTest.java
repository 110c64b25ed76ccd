package com.goafwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.evaluation.Evaluator;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;
import com.jayway.jsonpath.JsonPath;

/**
 * The demo as README command 1 runs it (profile demo) tells its story: a fresh database gets the sample
 * site; the feed writes months of history in bulk through the ingestion path, then goes live through the
 * public API; phase 1's parcels mostly meet their acceptance criteria on that history, and the developing
 * event in RC-P3-04 takes the parcel up the levels (blue, yellow, then orange) with an open alert in the
 * list that can be acknowledged.
 *
 * <p>The feed runs for real, its live story compressed (a story minute per 2 s trace) and its history
 * thinned to 20 m sampling so that it reaches InfluxDB quickly. The evaluation runs on a scripted clock:
 * the automatic schedule is off, and once the story has played, the parcel is evaluated at the time of
 * each live trace in turn, exactly as the live service does after each batch — so which levels it passes
 * through depends on the data, not on how fast a busy machine evaluates. The expected story is the one
 * designed in subsidence.json: depth 8.66 mm at the start (ground strain ≈ 1020–1050 µε over the bowl,
 * above blue = 50 % of 2000 µε, and only 2–4 m of fiber beyond 1000 µε) growing to 15 mm (1810–1870 µε:
 * orange = 85 %, below red = 100 %), orange by the tenth story minute wherever the 2 m samples fall.
 */
class DemoFeedTest {

    private static final String EVENT_PARCEL = "RC-P3-04";

    @TempDir
    Path spool;

    @Test
    void theDemoTellsItsStory() throws Exception {
        String database = TestPostgres.createDatabase("demo");
        String influxDb = "demo_" + ProcessHandle.current().pid();
        Instant testStart = Instant.now();
        try (RunningService app = RunningService.start("--spring.profiles.active=demo", "--spring.datasource.url=" + TestPostgres.jdbcUrl(database),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=" + influxDb, "--goafwatch.spool.dir=" + spool, "--goafwatch.demo-feed.backfill-spacing=20",
                "--goafwatch.demo-feed.live-interval=2s", "--goafwatch.demo-feed.story-speed-up=30",
                "--goafwatch.evaluation.interval=0", "--goafwatch.evaluation.on-ingest=false")) {
            HttpApi api = app.api();
            JdbcClient jdbc = JdbcClient.create(app.context().getBean(javax.sql.DataSource.class));
            long project = jdbc.sql("SELECT id FROM project WHERE code = 'RENCHENG-DEMO'").query(Long.class).single();
            assertThat(jdbc.sql("SELECT count(*) FROM cable WHERE project_id = ?").param(project).query(Long.class).single()).isEqualTo(8);
            long parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ? AND code = ?").params(project, EVENT_PARCEL)
                    .query(Long.class).single();

            // the live story plays: at least 16 story minutes of traces over the parcel (≥ 1780 µε by then)
            List<Instant> traces = List.of();
            long deadline = System.currentTimeMillis() + 300_000;
            while (traces.size() < 16 && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                traces = liveTraces(influxDb, parcel, testStart);
            }
            assertThat(traces).as("live traces over " + EVENT_PARCEL).hasSizeGreaterThanOrEqualTo(16);

            // the history is in InfluxDB: about nine months of daily traces and half-monthly levelling
            long markers = jdbc.sql("SELECT count(*) FROM point_sensor WHERE project_id = ? AND sensor_type = 'settlement-marker'")
                    .param(project).query(Long.class).single();
            long levellings = TestInflux.get().count(influxDb, "settlement_mm", "settlement", "");
            assertThat(levellings).as("half-monthly levelling over 270 days").isBetween(markers * 17, markers * 19);
            long rollups = TestInflux.get().count(influxDb, "max_ue", "fiber_trace_stats", "time < now() - 1d");
            assertThat(rollups).as("daily traces of the history, rolled up per parcel").isGreaterThan(8 * 260);

            // evaluated at each live trace in turn (scripted clock), as the live service does after each batch
            Evaluator evaluator = app.context().getBean(Evaluator.class);
            List<String> levels = new ArrayList<>();
            StringBuilder steps = new StringBuilder();
            for (Instant t : traces) {
                evaluator.evaluate(project, Set.of(parcel), t.plusSeconds(1), "test");
                String level = eventParcelLevel(api, project);
                if (levels.isEmpty() || !levels.get(levels.size() - 1).equals(level)) {
                    levels.add(level);
                }
                List<Map<String, Object>> flags = api.get("/api/v1/parcels/" + parcel + "/flags").json("$.flags");
                steps.append('\n').append(t).append(' ').append(level).append(": ").append(flags.stream()
                        .filter(f -> f.get("level") != null || f.get("pending") != null)
                        .map(f -> f.get("rule") + "=" + f.get("level") + "/" + f.get("pending") + " (" + f.get("value") + ")").toList());
            }
            assertThat(levels).as("levels of %s trace by trace:%s", EVENT_PARCEL, steps).containsSubsequence("blue", "yellow", "orange")
                    .doesNotContain("red");

            // its alert is open in the list at orange, raised at blue and escalated: ready to acknowledge
            List<Map<String, Object>> open = api.get("/api/v1/alerts?project=" + project + "&state=open").json("$.alerts");
            Map<String, Object> alert = open.stream().filter(a -> EVENT_PARCEL.equals(a.get("parcelCode"))
                    && "orange".equals(a.get("level"))).findFirst().orElseThrow(() -> new AssertionError(
                    "no open orange alert of " + EVENT_PARCEL + " in " + open));
            long alertId = ((Number) alert.get("id")).longValue();
            List<String> history = api.get("/api/v1/alerts/" + alertId).json("$.events[*].level");
            assertThat(history).as("raised below orange, then escalated").first().isEqualTo("blue");
            assertThat(history).contains("orange");
            var ack = api.postJson("/api/v1/alerts/" + alertId + "/acknowledge", "{\"comment\": \"crew on site, void suspected under F-C3\"}");
            assertThat(ack.status()).as(ack.toString()).isEqualTo(200);

            // phase 1: months of history since grouting, so most parcels meet their criteria
            long phase1 = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(project).query(Long.class).single();
            List<Map<String, Object>> verdicts = api.get("/api/v1/phases/" + phase1 + "/acceptance").json("$.parcels");
            long meets = verdicts.stream().filter(p -> "meets".equals(p.get("verdict"))).count();
            assertThat(meets).as("phase 1 verdicts: %s", verdicts.stream().map(p -> p.get("code") + "=" + p.get("verdict")).toList())
                    .isGreaterThanOrEqualTo(5);
            assertThat(verdicts).filteredOn(p -> "RC-P1-07".equals(p.get("code"))).extracting(p -> p.get("verdict"))
                    .containsExactly("does_not_meet");
        }
    }

    /** Times of the traces over the parcel written since {@code after} (the live ones), oldest first. */
    private static List<Instant> liveTraces(String influxDb, long parcel, Instant after) {
        String body = TestInflux.get().query(influxDb, "SELECT \"max_ue\" FROM \"fiber_trace_stats\" WHERE \"parcel\" = '" + parcel
                + "' AND time > " + after.toEpochMilli() + "ms");
        if (!body.contains("\"values\"")) {
            return List.of();
        }
        List<Number> times = JsonPath.read(body, "$.results[0].series[*].values[*][0]");
        return times.stream().map(n -> Instant.ofEpochMilli(n.longValue())).distinct().sorted().toList();
    }

    private static String eventParcelLevel(HttpApi api, long project) {
        List<String> level = api.get("/api/v1/parcels?project=" + project + "&limit=100")
                .json("$.features[?(@.properties.code == '" + EVENT_PARCEL + "')].properties.flagLevel");
        return level.isEmpty() || level.get(0) == null ? "" : level.get(0);
    }
}
