package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import com.goafwatch.alert.AlertLifecycle;
import com.goafwatch.support.IntegrationTest;
import com.goafwatch.system.ClusterLock;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.timeseries.InfluxClient;

import tools.jackson.databind.ObjectMapper;

/**
 * Two instances on one database, each with its own evaluator, tracker states and flag board (as two
 * service processes have), evaluate the same project at the same scheduled moments, three times each and
 * all at once. One cycle per moment runs; the levels, transitions and alerts are those of the single
 * instance's scripted table ({@link ScriptedEvaluationTest}, the same rule and series, worked out by hand
 * there), and both instances answer the same flags.
 */
class ClusterEvaluationTest extends IntegrationTest {

    /** Same rule as ScriptedEvaluationTest: yellow 400 / orange 600 / red 800, pending 2, hysteresis 10 %. */
    private static final String STRAIN_RULE = """
            {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 600, "unit": "ue",
             "yellow": 400, "orange": 600, "red": 800, "hysteresisFraction": 0.1, "pendingEvaluations": 2,
             "noDataAfterSeconds": 7200, "spikeFilter": false}""";
    private static final double[] PEAKS = {100, 450, 460, 390, 410, 380, 850, 860, 300, 500, 500};
    /** Parcel A's level after each step and the transitions stored per step (A and B), from ScriptedEvaluationTest. */
    private static final List<String> LEVELS = List.of("-", "-", "yellow", "yellow", "yellow", "yellow", "yellow", "red", "-", "-", "yellow");
    private static final List<Integer> TRANSITIONS = List.of(2, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1);

    @Autowired
    LayoutReader layouts;
    @Autowired
    RuleRepository rules;
    @Autowired
    InfluxClient influx;
    @Autowired
    AlertLifecycle lifecycle;
    @Autowired
    EvaluationProperties properties;
    @Autowired
    ClusterLock lock;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    NoDataDeferral deferral;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(17, ChronoUnit.DAYS);

    @Test
    void twoInstancesEvaluatingTogetherMakeOneCyclePerRoundAndTheSameFlags() throws Exception {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "CLUSTER");
        site.cable();
        site.rule(STRAIN_RULE);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < PEAKS.length; i++) {
            all.append(site.trace(t0.plus(10L * i, ChronoUnit.MINUTES), 100, PEAKS[i]));
        }
        site.send(all.toString());
        awaitDrained();

        List<Evaluator> instances = List.of(instance(), instance());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<String> levels = new ArrayList<>();
        List<Integer> transitions = new ArrayList<>();
        try {
            for (int i = 0; i < PEAKS.length; i++) {
                Instant now = t0.plus(10L * i, ChronoUnit.MINUTES).plusSeconds(1);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CycleReport>> calls = new ArrayList<>();
                for (int call = 0; call < 6; call++) {
                    Evaluator e = instances.get(call % 2);
                    calls.add(pool.submit(() -> {
                        start.await();
                        return e.evaluate(site.projectId, null, now, "schedule");
                    }));
                }
                start.countDown();
                List<CycleReport> ran = new ArrayList<>();
                for (Future<CycleReport> f : calls) {
                    CycleReport r = f.get(5, TimeUnit.MINUTES);
                    assertThat(r.dataSource()).as("step %d", i).isIn("ok", "busy");
                    if (r.dataSource().equals("ok")) {
                        ran.add(r);
                    }
                }
                assertThat(ran).as("step %d: one cycle of six calls on two instances", i).hasSize(1);
                transitions.add(ran.get(0).transitions());
                Map<Long, Flag> a = instances.get(0).flags(site.projectId, site.parcelA);
                assertThat(instances.get(1).flags(site.projectId, site.parcelA)).as("step %d: both instances answer the same", i)
                        .isEqualTo(a);
                assertThat(instances.get(1).flags(site.projectId, site.parcelB)).isEqualTo(instances.get(0).flags(site.projectId, site.parcelB));
                Flag f = a.values().iterator().next();
                assertThat(f.value()).as("step %d value", i).isCloseTo(PEAKS[i], within(1e-6));
                levels.add(f.level() == null ? "-" : f.level().dbValue());
                assertThat(instances.get(0).lastReport(site.projectId)).isEqualTo(instances.get(1).lastReport(site.projectId));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(levels).containsExactlyElementsOf(LEVELS);
        assertThat(transitions).containsExactlyElementsOf(TRANSITIONS);
        List<String> events = jdbc.sql("""
                SELECT e.kind FROM alert_event e JOIN alert a ON a.id = e.alert_id
                WHERE a.project_id = ? AND a.kind = 'threshold' ORDER BY e.id""").param(site.projectId).query(String.class).list();
        assertThat(events).as("every transition one event, no false lowering").containsExactly("raised", "escalated", "cleared", "raised");
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE project_id = ? AND kind = 'threshold'").param(site.projectId)
                .query(Long.class).single()).isEqualTo(2L);
        // the API (this service, a third reader) shows what both instances computed
        assertThat((String) api().get("/api/v1/parcels/" + site.parcelA + "/flags").json("$.flags[0].level")).isEqualTo("yellow");
    }

    /** Another instance's evaluator: its own state objects, a 10-minute schedule, the same database and InfluxDB. */
    private Evaluator instance() {
        EvaluationProperties scheduled = new EvaluationProperties(Duration.ofMinutes(10), properties.afterIngestDelay(),
                properties.traceBucket(), properties.neighbourDistanceM(), properties.onIngest(), properties.firstCycleAfter(),
                properties.confirmationSamples(), properties.overdueFactor(), properties.repeatabilityUe(), properties.rateTraces(),
                properties.manualWait());
        return new Evaluator(layouts, rules, influx, jdbc, lifecycle, scheduled, new TrackerStates(jdbc), new FlagBoard(jdbc, mapper), lock,
                transactions, deferral);
    }
}
