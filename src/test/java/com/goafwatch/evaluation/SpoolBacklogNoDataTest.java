package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.Poll;
import com.goafwatch.support.RunningService;
import com.goafwatch.support.TestInflux;
import com.goafwatch.support.TestPostgres;

/**
 * Accepted data still in a spool is not silence. A second instance (the ingesting one) cannot reach its InfluxDB (a real
 * influxd, stopped): the traces it accepts wait in its spool, and its live volume row says so cluster-wide. This
 * service's evaluator reads the shared InfluxDB at scripted times: past the rule's no-data age it defers no data (held
 * ok, no alert, the deferral on the flag and in the cycle report); once the ingesting instance is restarted against a
 * reachable InfluxDB and its backlog has drained, the next cycle judges from the data (within limits: ok, no alert).
 * Only a rule that became overdue after the backlog began defers: a cable already silent before then gets its no data
 * at the same cycle (the defect under continuous ingestion, where some batch is always waiting, was that it did not).
 * Past {@code goafwatch.evaluation.no-data-defer-max} (30 min) after the oldest waiting batch, and for a stopped
 * instance's volume, no data is raised as usual.
 */
class SpoolBacklogNoDataTest extends IntegrationTest {

    private static final String RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "red": 800, "noDataAfterSeconds": 600, "spikeFilter": false}""";

    @Autowired
    Evaluator evaluator;

    @TempDir
    Path spool;
    private TestInflux away;
    private RunningService ingesting;

    @AfterEach
    void tearDown() {
        if (ingesting != null) {
            ingesting.close();
        }
        if (away != null) {
            away.stop();
        }
        // the ingesting instance's volume must not defer other tests' cycles
        jdbc.sql("DELETE FROM spool_volume_status WHERE spool_dir = ?").param(spool.toString()).update();
    }

    private RunningService ingestingInstance(String influxUrl) {
        return RunningService.start("--spring.datasource.url=" + TestPostgres.sharedJdbcUrl(),
                "--spring.datasource.username=" + TestPostgres.user(), "--goafwatch.influx.url=" + influxUrl, "--goafwatch.spool.dir=" + spool,
                "--goafwatch.spool.max-backoff=500ms", "--goafwatch.influx.connect-timeout=300ms");
    }

    /** A site whose cable reported at {@code earlier} (judged ok then), and an instance holding a newer trace in its spool. */
    private EvaluationSite siteWithBacklog(String prefix, Instant earlier, Instant newer) {
        EvaluationSite site = siteJudgedOk(prefix, earlier);

        away = TestInflux.startNew();
        away.stop();
        ingesting = ingestingInstance(away.url());
        HttpApi writer = ingesting.api();
        var r = writer.postBytes("/api/v1/projects/" + site.projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                site.trace(newer, 100, 100).getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        // the backlog is published cluster-wide: this service's status counts the other instance's live volume
        Poll.until("the ingesting instance's backlog published", java.time.Duration.ofSeconds(60), 50,
                () -> ((Number) api().get("/api/v1/ingest/status").json("$.pendingBatches")).intValue() == 1);
        return site;
    }

    private Instant oldestPending() {
        return jdbc.sql("SELECT oldest_pending_at FROM spool_volume_status WHERE spool_dir = ?").param(spool.toString())
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    /** A site whose cable reported at {@code last} and was judged ok a minute later. */
    private EvaluationSite siteJudgedOk(String prefix, Instant last) {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, prefix);
        site.cable();
        site.rule(RULE);
        site.send(site.trace(last, 100, 100));
        awaitDrained();
        evaluator.evaluate(site.projectId, null, last.plusSeconds(60), "test");
        assertThat(flag(site).get("status")).isEqualTo("ok");
        return site;
    }

    @Test
    void aDrainingBacklogDefersNoDataThenTheDataIsJudged() {
        // An InfluxDB outage while the cable keeps reporting: its trace of T0-2min is in InfluxDB, the one of T0 waits in the
        // spool (accepted just after T0). Age 10 min: the rule became overdue at T0+8min, after the backlog began, so the
        // silence may be the backlog's. A second project's cable, silent since T0-30min, was overdue at T0-20min, before
        // the backlog began: nothing waiting can be its data, and its no data is raised at the same cycle.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EvaluationSite silent = siteJudgedOk("SILENT", t0.minus(30, ChronoUnit.MINUTES));
        EvaluationSite site = siteWithBacklog("BACKLOG", t0.minus(2, ChronoUnit.MINUTES), t0);
        Instant overdue = t0.plus(8, ChronoUnit.MINUTES);
        assertThat(oldestPending()).as("the scenario needs the batch accepted before the rule is overdue").isBefore(overdue);

        // 10.5 minutes after the last trace in InfluxDB: silent, were it not for the batch still waiting
        Instant now = t0.plus(510, ChronoUnit.SECONDS);
        CycleReport report = evaluator.evaluate(site.projectId, null, now, "test");
        assertThat(openNoData(site)).isEmpty();
        Map<String, Object> flag = flag(site);
        assertThat(flag.get("status")).as("held as it was").isEqualTo("ok");
        assertThat((String) flag.get("noDataDeferred")).startsWith("no-data judgement deferred: 1 accepted batch(es) still draining");
        assertThat(report.noDataDeferral().deferring()).isTrue();
        assertThat(report.noDataDeferral().pendingBatches()).isEqualTo(1);
        assertThat(report.noDataDeferral().rules()).as("parcels A and B, both on T-1").isEqualTo(2);
        var shown = api().get("/api/v1/projects/" + site.projectId + "/evaluation");
        assertThat((Boolean) shown.json("$.noDataDeferral.deferring")).as(shown.toString()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM rule_state WHERE parcel_id = ? AND no_data").param(site.parcelA).query(Long.class).single())
                .isZero();

        CycleReport silentReport = evaluator.evaluate(silent.projectId, null, now, "test");
        assertThat(silentReport.noDataDeferral().deferring()).as("the backlog is within its bound").isTrue();
        assertThat(silentReport.noDataDeferral().rules()).as("but it began after this cable was overdue").isZero();
        assertThat(openNoData(silent)).hasSize(1);
        assertThat(flag(silent).get("status")).isEqualTo("no_data");
        assertThat(flag(silent)).doesNotContainKey("noDataDeferred");

        // InfluxDB back (the ingesting instance restarted against a reachable one, same spool): it drains, and the next cycle
        // judges from the trace that waited, 100 µε × coupling, within limits: ok, no alert, nothing deferred
        ingesting.close();
        ingesting = ingestingInstance(TestInflux.get().url());
        awaitClusterDrained();
        CycleReport after = evaluator.evaluate(site.projectId, null, now.plusSeconds(60), "test");
        assertThat(after.noDataDeferral()).isNull();
        assertThat(openNoData(site)).isEmpty();
        assertThat(flag(site).get("status")).isEqualTo("ok");
        assertThat(flag(site)).doesNotContainKey("noDataDeferred");
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE project_id = ?").param(site.projectId).query(Long.class).single())
                .as("no alert at all, false or otherwise").isZero();
    }

    @Test
    void aBacklogOlderThanTheBoundOrOnAStoppedVolumeDefersNothing() {
        // as above, the rule becomes overdue (newer+8min) after the backlog began: only the bound ends its deferral
        Instant newer = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EvaluationSite site = siteWithBacklog("STUCK", newer.minus(2, ChronoUnit.MINUTES), newer);
        Instant oldest = oldestPending();
        assertThat(oldest).as("the scenario needs the batch accepted before the rule is overdue").isBefore(newer.plus(8, ChronoUnit.MINUTES));

        // 31 minutes after the waiting batch was accepted (bound 30 min): judged as usual, one no-data alert
        CycleReport report = evaluator.evaluate(site.projectId, null, oldest.plus(31, ChronoUnit.MINUTES), "test");
        assertThat(report.noDataDeferral().deferring()).isFalse();
        assertThat(report.noDataDeferral().rules()).isZero();
        assertThat(openNoData(site)).hasSize(1);
        assertThat(flag(site).get("status")).isEqualTo("no_data");

        // a second site, judged while the backlog waits only on a stopped instance's volume: nothing live drains it, no deferral
        ingesting.close();
        ingesting = null;
        assertThat(jdbc.sql("SELECT stopped_at IS NOT NULL FROM spool_volume_status WHERE spool_dir = ?").param(spool.toString())
                .query(Boolean.class).single()).isTrue();
        EvaluationSite other = new EvaluationSite(api(), fixtures(), jdbc, "STOPPED");
        other.cable();
        other.rule(RULE);
        other.send(other.trace(newer, 100, 100));
        awaitDrained();
        evaluator.evaluate(other.projectId, null, newer.plusSeconds(60), "test");
        CycleReport silent = evaluator.evaluate(other.projectId, null, newer.plusSeconds(1200), "test");
        assertThat(silent.noDataDeferral()).isNull();
        assertThat(openNoData(other)).hasSize(1);
    }

    private void awaitClusterDrained() {
        Poll.until("every spool drained", java.time.Duration.ofSeconds(120), 50,
                () -> ((Number) api().get("/api/v1/ingest/status").json("$.pendingBatches")).intValue() == 0
                        && jdbc.sql("SELECT pending_batches FROM spool_volume_status WHERE spool_dir = ?").param(spool.toString())
                                .query(Integer.class).single() == 0);
    }

    private Map<String, Object> flag(EvaluationSite site) {
        return api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.flags[0]");
    }

    private List<Object> openNoData(EvaluationSite site) {
        return api().get("/api/v1/alerts?project=" + site.projectId + "&kind=no_data&state=open").json("$.alerts");
    }
}
