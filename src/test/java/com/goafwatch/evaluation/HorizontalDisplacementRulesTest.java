package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * Threshold rules on a marker's horizontal displacement (3-D survey, issue 18): survey readings through the
 * ingestion API into the real InfluxDB, rules through the API into PostGIS, evaluated at scripted times. Every
 * displacement is a 3-4-5 or 5-12-13 triangle, so the magnitudes are exact by hand.
 */
class HorizontalDisplacementRulesTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(10, ChronoUnit.DAYS);

    /** One survey line: the marker at its mapped place plus (east, north) mm. */
    private String reading(String marker, double e, double n, int day, double eastMm, double northMm) {
        return String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,35.0000%n", marker, t0.plus(day, ChronoUnit.DAYS), e + eastMm / 1000,
                n + northMm / 1000);
    }

    private HttpApi.Response survey(EvaluationSite site, String csv) {
        return api().postBytes("/api/v1/projects/" + site.projectId + "/ingest/survey", "text/csv",
                ("sensor,time,easting_m,northing_m,height_m\n" + csv).getBytes(StandardCharsets.UTF_8));
    }

    private static Flag flag(Map<Long, Flag> flags, String metric) {
        return flags.values().stream().filter(f -> f.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void displacementOverALimitRaisesExactlyItsLevelAndBelowNothing() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "HDISP");
        site.marker("H1", E0 + 30, N0 + 30);   // in parcel A
        site.marker("H2", E0 + 130, N0 + 30);  // in parcel B
        // H1: 0, then (6, 8) → 10 mm, then (18, 24) → 30 mm; H2: 0, then (−5, 12) → 13 mm
        String csv = reading("H1", E0 + 30, N0 + 30, 0, 0, 0) + reading("H2", E0 + 130, N0 + 30, 0, 0, 0)
                + reading("H1", E0 + 30, N0 + 30, 1, 6, 8) + reading("H2", E0 + 130, N0 + 30, 1, -5, 12)
                + reading("H1", E0 + 30, N0 + 30, 2, 18, 24);
        HttpApi.Response accepted = survey(site, csv);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        awaitDrained();
        site.rule("""
                {"name": "horizontal", "metric": "horizontal_displacement", "statistic": "max", "windowSeconds": 259200, "unit": "mm",
                 "yellow": 20, "orange": 40, "red": 60, "spikeFilter": false}""");
        // least squares, latest surveys spanning 2 d. H1 (0, 10, 30 mm at 0, 1, 2 d): t̄ = 1, Σ(t − t̄)·v = −0 + 0 + 30 = 30,
        // Σ(t − t̄)² = 2 → 15 mm/d. H2 (0, 13 at 0, 1 d) spans one day only: its whole history, one interval, 13 mm/d.
        site.rule("""
                {"name": "horizontal rate", "metric": "horizontal_displacement_rate", "statistic": "max", "windowSeconds": 172800,
                 "unit": "mm/d", "yellow": 14, "red": 20}""");
        evaluator.evaluate(site.projectId, null, t0.plus(2, ChronoUnit.DAYS).plusSeconds(1), "test");

        Map<Long, Flag> a = evaluator.flags(site.projectId, site.parcelA);
        Flag displacement = flag(a, "horizontal_displacement");
        assertThat(displacement.value()).isCloseTo(30.0, within(1e-6));
        assertThat(displacement.level().dbValue()).as("20 ≤ 30 < 40").isEqualTo("yellow");
        assertThat(displacement.evidence().markers()).containsExactly("H1");
        Flag rate = flag(a, "horizontal_displacement_rate");
        assertThat(rate.value()).isCloseTo(15.0, within(1e-6));
        assertThat(rate.level().dbValue()).as("14 ≤ 15 < 20").isEqualTo("yellow");

        Map<Long, Flag> b = evaluator.flags(site.projectId, site.parcelB);
        assertThat(flag(b, "horizontal_displacement").value()).isCloseTo(13.0, within(1e-6));
        assertThat(flag(b, "horizontal_displacement").level()).as("13 < 20").isNull();
        assertThat(flag(b, "horizontal_displacement").status()).isEqualTo("ok");
        assertThat(flag(b, "horizontal_displacement_rate").value()).isCloseTo(13.0, within(1e-6));
        assertThat(flag(b, "horizontal_displacement_rate").level()).as("13 < 14").isNull();

        List<Map<String, Object>> alerts = jdbc.sql("SELECT p.code AS parcel, r.metric, a.level FROM alert a JOIN parcel p ON p.id = a.parcel_id "
                + "JOIN threshold_rule r ON r.id = a.rule_id WHERE a.project_id = ? AND a.kind = 'threshold' ORDER BY r.metric").param(site.projectId).query().listOfRows();
        assertThat(alerts).containsExactly(Map.of("parcel", "A", "metric", "horizontal_displacement", "level", "yellow"),
                Map.of("parcel", "A", "metric", "horizontal_displacement_rate", "level", "yellow"));

        // day 3: H1 at (42, 56) → 70 mm, over the red limit of 60 (not exactly at it: metres → millimetres in binary
        // floating point may land a hair under 60)
        assertThat(survey(site, reading("H1", E0 + 30, N0 + 30, 3, 42, 56)).status()).isEqualTo(202);
        awaitDrained();
        evaluator.evaluate(site.projectId, null, t0.plus(3, ChronoUnit.DAYS).plusSeconds(1), "test");
        displacement = flag(evaluator.flags(site.projectId, site.parcelA), "horizontal_displacement");
        assertThat(displacement.value()).isCloseTo(70.0, within(1e-6));
        assertThat(displacement.level().dbValue()).isEqualTo("red");
    }

    @Test
    void rulesThatCannotBeEvaluatedAreRefusedNamingTheProblem() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "HDREF");
        site.marker("H1", E0 + 30, N0 + 30);
        String url = "/api/v1/projects/" + site.projectId + "/rules";
        HttpApi.Response min = api().postJson(url, """
                {"name": "x", "metric": "horizontal_displacement", "statistic": "min", "windowSeconds": 86400, "unit": "mm", "red": 60}""");
        assertThat(min.status()).as(min.toString()).isEqualTo(422);
        assertThat(min.body()).contains("statistic").contains("magnitude");
        HttpApi.Response unit = api().postJson(url, """
                {"name": "x", "metric": "horizontal_displacement", "statistic": "max", "windowSeconds": 86400, "unit": "ue", "red": 60}""");
        assertThat(unit.status()).isEqualTo(422);
        assertThat(unit.body()).contains("horizontal_displacement, which is in mm");
        HttpApi.Response change = api().postJson(url, """
                {"name": "x", "metric": "horizontal_displacement_rate", "statistic": "change", "windowSeconds": 86400, "unit": "mm/d", "red": 5}""");
        assertThat(change.status()).isEqualTo(422);
        assertThat(change.body()).contains("change (within the window) applies to");
        // the marker reads once a day: a rate over 1 h cannot hold two surveys
        HttpApi.Response cadence = api().postJson(url, """
                {"name": "x", "metric": "horizontal_displacement_rate", "statistic": "max", "windowSeconds": 3600, "unit": "mm/d", "red": 5}""");
        assertThat(cadence.status()).as(cadence.toString()).isEqualTo(422);
        assertThat(cadence.body()).contains("windowSeconds").contains("settlement markers read every");
        assertThat(jdbc.sql("SELECT count(*) FROM threshold_rule WHERE project_id = ? AND name = 'x'").param(site.projectId)
                .query(Long.class).single()).as("nothing saved").isZero();
    }
}
