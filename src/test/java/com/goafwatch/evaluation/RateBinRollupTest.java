package com.goafwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestInflux;

/**
 * Fiber strain rates from the position-bin rollup ({@code fiber_rate_bins}, default 2 m bins) written at ingestion,
 * and from raw traces where a trace has no rollup (data written before it existed). The {@link EvaluationSite}'s
 * cable is sampled every metre here, so a 2 m bin holds two samples and its mean differs from either.
 */
class RateBinRollupTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(6, ChronoUnit.DAYS);

    private static final String RATE_RULE = """
            {"name": "rate", "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 259200, "unit": "ue/d",
             "yellow": 60, "red": 200}""";

    /**
     * Daily traces over 3 days; ground strain at 100 m grows 100 µε/d, at 101 m 50 µε/d, elsewhere 0 (so the fastest
     * single sample is 100 µε/d). Bin [100 m, 102 m) holds both: its mean grows (100 + 50) / 2 = 75 µε/d, and lies at
     * the mean distance 100.5 m. With every rollup deleted the rate is read per sample as before the rollup: 100 µε/d
     * at 100 m; with the rollups of the two oldest traces deleted, their raw samples are binned in the same 2 m bins and
     * the rate is 75 µε/d again.
     */
    @Test
    void theRateIsTheSlopeOfTheBinMeanAndTracesWithoutRollupAreReadRaw() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "RATEBIN");
        site.cable();
        StringBuilder all = new StringBuilder();
        for (int k = 0; k <= 3; k++) {
            all.append(trace(t0.plus(k, ChronoUnit.DAYS), 100.0 * k, 50.0 * k));
        }
        site.send(all.toString());
        awaitDrained();
        long cable = jdbc.sql("SELECT id FROM cable WHERE project_id = ?").param(site.projectId).query(Long.class).single();
        assertThat(TestInflux.get().count("bin_m", "fiber_rate_bins", "cable = '" + cable + "'")).as("bin rollup points").isGreaterThan(0);
        site.rule(RATE_RULE);
        Instant now = t0.plus(3, ChronoUnit.DAYS).plusSeconds(1);

        CycleReport binned = evaluator.evaluate(site.projectId, null, now, "test");
        Flag rate = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
        assertThat(rate.value()).isCloseTo(75.0, within(1e-6));
        assertThat(rate.level().dbValue()).isEqualTo("yellow");
        assertThat(rate.evidence().distanceM()).isCloseTo(100.5, within(1e-9));
        assertThat(rate.evidence().note()).contains("4 traces spanning 3.00 d").contains("2 m bin");
        // the first round trip, then the bins: no raw read
        assertThat(binned.roundTrips()).isLessThanOrEqualTo(3);
        assertThat(evaluator.lastStatements(site.projectId).stream().flatMap(java.util.List::stream)
                .noneMatch(s -> s.contains("\"strain_ue\", \"distance_m\""))).isTrue();

        // the two oldest traces lose their rollups: read raw, binned alike
        TestInflux.get().query("goafwatch", "DELETE FROM fiber_rate_bins WHERE cable = '" + cable + "' AND time < "
                + t0.plus(2, ChronoUnit.DAYS).toEpochMilli() + "ms");
        evaluator.evaluate(site.projectId, null, now.plusSeconds(1), "test");
        rate = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
        assertThat(rate.value()).isCloseTo(75.0, within(1e-6));
        assertThat(evaluator.lastStatements(site.projectId).stream().flatMap(java.util.List::stream)
                .filter(s -> s.contains("FROM \"fiber_strain\" WHERE time = ")).count()).isEqualTo(2);

        // no rollup at all (all data older than it): per sample, the fastest is 100 µε/d at 100 m
        TestInflux.get().query("goafwatch", "DELETE FROM fiber_rate_bins WHERE cable = '" + cable + "'");
        evaluator.evaluate(site.projectId, null, now.plusSeconds(2), "test");
        rate = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
        assertThat(rate.value()).isCloseTo(100.0, within(1e-6));
        assertThat(rate.evidence().distanceM()).isCloseTo(100.0, within(1e-9));
        assertThat(rate.evidence().note()).doesNotContain("bin");
    }

    /** One trace at 1 m spacing: ground strain {@code at100} at 100 m, {@code at101} at 101 m, 0 elsewhere (sent as 0.4 g + 20 at 16 °C). */
    private static String trace(Instant time, double at100, double at101) {
        StringBuilder lp = new StringBuilder();
        long ns = time.toEpochMilli() * 1_000_000L;
        for (int d = 0; d <= 300; d++) {
            double g = d == 100 ? at100 : d == 101 ? at101 : 0;
            lp.append(String.format(Locale.ROOT, "fiber_strain,cable=T-1 distance_m=%d,strain_ue=%.4f,temperature_c=16 %d%n", d, 0.4 * g + 20, ns));
        }
        return lp.toString();
    }
}
