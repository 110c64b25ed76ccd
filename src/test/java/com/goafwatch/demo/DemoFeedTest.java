package com.goafwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * The demo as README command 1 runs it (profile demo) tells its story: a fresh database gets the sample
 * site; the feed writes months of history in bulk through the ingestion path, then goes live through the
 * public API; phase 1's parcels mostly meet their acceptance criteria on that history, and the developing
 * event in RC-P3-04 takes the parcel up the levels (blue or yellow first, then orange) with an open alert
 * in the list that can be acknowledged.
 *
 * <p>Real time with deadlines, the live story compressed (a story minute per 2 s trace) and the history
 * thinned to 20 m sampling so that it reaches InfluxDB quickly; the levels themselves come from the real
 * evaluation of the real data. The expected story is the one designed in subsidence.json: depth 9.45 mm
 * at the start (ground strain ≈ 1150 µε over the bowl, above blue = 50 % of 2000 µε) growing to 15 mm
 * (≈ 1870 µε: orange = 85 %, below red = 100 %).
 */
class DemoFeedTest {

    private static final String EVENT_PARCEL = "RC-P3-04";

    @TempDir
    Path spool;

    @Test
    void theDemoTellsItsStory() throws Exception {
        String database = TestPostgres.createDatabase("demo");
        String influxDb = "demo_" + ProcessHandle.current().pid();
        try (RunningService app = RunningService.start("--spring.profiles.active=demo", "--spring.datasource.url=" + TestPostgres.jdbcUrl(database),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + TestInflux.get().url(),
                "--goafwatch.influx.database=" + influxDb, "--goafwatch.spool.dir=" + spool, "--goafwatch.demo-feed.backfill-spacing=20",
                "--goafwatch.demo-feed.live-interval=2s", "--goafwatch.demo-feed.story-speed-up=30",
                "--goafwatch.evaluation.on-ingest=true", "--goafwatch.evaluation.after-ingest-delay=1s",
                "--goafwatch.evaluation.first-cycle-after=2s", "--goafwatch.evaluation.interval=10s")) {
            HttpApi api = app.api();
            JdbcClient jdbc = JdbcClient.create(app.context().getBean(javax.sql.DataSource.class));
            long project = jdbc.sql("SELECT id FROM project WHERE code = 'RENCHENG-DEMO'").query(Long.class).single();
            assertThat(jdbc.sql("SELECT count(*) FROM cable WHERE project_id = ?").param(project).query(Long.class).single()).isEqualTo(8);

            List<String> levels = new ArrayList<>();
            String level = "";
            long deadline = System.currentTimeMillis() + 300_000;
            while (!level.equals("orange") && !level.equals("red") && System.currentTimeMillis() < deadline) {
                level = eventParcelLevel(api, project);
                if (levels.isEmpty() || !levels.get(levels.size() - 1).equals(level)) {
                    levels.add(level);
                }
                Thread.sleep(250);
            }
            assertThat(level).as("RC-P3-04 reached orange (levels seen: %s)", levels).isIn("orange", "red");

            // the history is in InfluxDB: about nine months of daily traces and half-monthly levelling
            long markers = jdbc.sql("SELECT count(*) FROM point_sensor WHERE project_id = ? AND sensor_type = 'settlement-marker'")
                    .param(project).query(Long.class).single();
            long levellings = TestInflux.get().count(influxDb, "settlement_mm", "settlement", "");
            assertThat(levellings).as("half-monthly levelling over 270 days").isBetween(markers * 17, markers * 19);
            long traceDays = TestInflux.get().count(influxDb, "max_ue", "fiber_trace_stats", "time < now() - 1d");
            assertThat(traceDays).as("daily traces of the history, rolled up per parcel").isGreaterThan(8 * 260);

            // its alert is open in the list, at orange, after a lower level: the story developed
            List<Map<String, Object>> open = api.get("/api/v1/alerts?project=" + project + "&state=open").json("$.alerts");
            Map<String, Object> alert = open.stream().filter(a -> EVENT_PARCEL.equals(a.get("parcelCode"))
                    && List.of("orange", "red").contains(a.get("level"))).findFirst().orElseThrow(() -> new AssertionError(
                    "no open orange alert of " + EVENT_PARCEL + " in " + open));
            long alertId = ((Number) alert.get("id")).longValue();
            List<String> history = api.get("/api/v1/alerts/" + alertId).json("$.events[*].level");
            assertThat(history).as("raised below orange, then escalated").first().isIn("blue", "yellow");
            assertThat(levels).as("levels the map showed on the way").containsAnyOf("blue", "yellow");
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

    private static String eventParcelLevel(HttpApi api, long project) {
        List<String> level = api.get("/api/v1/parcels?project=" + project + "&limit=100")
                .json("$.features[?(@.properties.code == '" + EVENT_PARCEL + "')].properties.flagLevel");
        return level.isEmpty() || level.get(0) == null ? "" : level.get(0);
    }
}
