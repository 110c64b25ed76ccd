package com.goafwatch.evaluation;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;

/**
 * Field cadence against the real service, PostGIS and InfluxDB: daily fiber traces (the cable's default
 * interval, 1 d) and half-monthly levelling (the markers' default, 15 d). Expected values are worked out by
 * hand from the series written. Class I strain rule: yellow 1400, red 2000 µε, spike filter on, no no-data
 * age of its own; the test cable samples every 2 m, the spatial test wants 3 adjacent samples.
 */
class FieldCadenceTest extends IntegrationTest {

    private static final String STRAIN_RULE = """
            {"name": "class I strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 86400, "unit": "ue",
             "yellow": 1400, "red": 2000}""";
    private static final long DAY = 86_400;

    @Autowired
    Evaluator evaluator;

    @Autowired
    com.goafwatch.project.SiteZones siteZones;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.DAYS);

    private EvaluationSite fiberSite(String prefix) {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, prefix);
        site.cable();
        site.rule(STRAIN_RULE);
        return site;
    }

    /** A trace with one sample at 2600 µε of ground strain at 100 m (parcel A), 0 elsewhere: a single-sample spike. */
    private static String spike(EvaluationSite site, Instant at) {
        return site.trace(at, d -> d == 100 ? 2600 : 0, d -> 16);
    }

    private static String quiet(EvaluationSite site, Instant at) {
        return site.trace(at, d -> 0, d -> 16);
    }

    private Flag flagA(EvaluationSite site, Instant now) {
        evaluator.evaluate(site.projectId, null, now, "test");
        return evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
    }

    private List<Map<String, Object>> thresholdAlerts(EvaluationSite site) {
        return api().get("/api/v1/alerts?project=" + site.projectId + "&kind=threshold").json("$.alerts");
    }

    @Test
    void aLoneSpikeOnTheFirstTraceOfANewCableIsShownUnconfirmedAndNotRaised() {
        EvaluationSite site = fiberSite("LONE");
        site.send(spike(site, t0));
        awaitDrained();
        Flag first = flagA(site, t0.plus(1, ChronoUnit.HOURS));
        // the spike's neighbours are 0: held over 3 adjacent samples, the trace is at 0
        assertThat(first.level()).isNull();
        assertThat(first.value()).isCloseTo(0, within(1e-6));
        assertThat(first.unconfirmed().level().dbValue()).isEqualTo("red");
        assertThat(first.unconfirmed().value()).isCloseTo(2600, within(1e-3));
        assertThat(first.unconfirmed().evidence().cable()).isEqualTo("T-1");
        assertThat(first.unconfirmed().evidence().chainageM()).isCloseTo(100, within(1e-6));
        assertThat(first.unconfirmed().reason()).contains("awaiting the next trace");
        // the next day's trace does not show it: refuted, still nothing raised
        site.send(quiet(site, t0.plus(1, ChronoUnit.DAYS)));
        awaitDrained();
        Flag next = flagA(site, t0.plus(1, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
        assertThat(next.level()).isNull();
        assertThat(next.unconfirmed().reason()).contains("not seen in the following trace");
        assertThat(thresholdAlerts(site)).isEmpty();
    }

    @Test
    void theFirstTraceAfterAnOutageLongerThanTheWindowIsNotRaisedOnOneSample() {
        EvaluationSite site = fiberSite("OUTAGE");
        StringBuilder lp = new StringBuilder();
        for (int d = 0; d <= 2; d++) {
            lp.append(quiet(site, t0.plus(d, ChronoUnit.DAYS)));
        }
        site.send(lp.toString());
        awaitDrained();
        assertThat(flagA(site, t0.plus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)).level()).isNull();
        // four silent days (longer than the 1-day window and its 2-day confirmation span), then a trace with a spike
        site.send(spike(site, t0.plus(7, ChronoUnit.DAYS)));
        awaitDrained();
        Flag after = flagA(site, t0.plus(7, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
        assertThat(after.level()).isNull();
        assertThat(after.unconfirmed().level().dbValue()).isEqualTo("red");
        assertThat(thresholdAlerts(site)).isEmpty();
    }

    @Test
    void aLoneSpikeWhoseConfirmingTraceIsOverdueIsRaisedMarkedUnconfirmed() {
        EvaluationSite site = fiberSite("OVERDUE");
        site.send(spike(site, t0));
        awaitDrained();
        assertThat(flagA(site, t0.plus(1, ChronoUnit.HOURS)).level()).isNull();
        // 1.5 × the 1-day interval later no trace has come: raised, marked unconfirmed
        assertThat(flagA(site, t0.plus(36, ChronoUnit.HOURS).minus(1, ChronoUnit.MINUTES)).level()).isNull();
        Flag overdue = flagA(site, t0.plus(36, ChronoUnit.HOURS).plus(1, ChronoUnit.MINUTES));
        assertThat(overdue.level().dbValue()).isEqualTo("red");
        assertThat(overdue.evidence().unconfirmed()).isTrue();
        List<Map<String, Object>> alerts = thresholdAlerts(site);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("level")).isEqualTo("red");
        assertThat(((Map<?, ?>) alerts.get(0).get("evidence")).get("unconfirmed")).isEqualTo(true);
    }

    @Test
    void aGenuineWideExceedanceOnALoneTraceIsConfirmedSpatially() {
        EvaluationSite site = fiberSite("WIDE");
        // 2600 µε over 90–110 m (11 samples at 2 m): real ground strain spans metres
        site.send(site.trace(t0, d -> d >= 90 && d <= 110 ? 2600 : 0, d -> 16));
        awaitDrained();
        Flag f = flagA(site, t0.plus(1, ChronoUnit.HOURS));
        assertThat(f.level().dbValue()).isEqualTo("red");
        assertThat(f.value()).isCloseTo(2600, within(1e-3));
        assertThat(f.unconfirmed()).isNull();
        assertThat(f.evidence().unconfirmed()).isNull();
        assertThat(thresholdAlerts(site)).hasSize(1);
    }

    @Test
    void aSpikeSeenAgainInTheNextTraceIsConfirmed() {
        EvaluationSite site = fiberSite("AGAIN");
        site.send(spike(site, t0));
        awaitDrained();
        assertThat(flagA(site, t0.plus(1, ChronoUnit.HOURS)).level()).isNull();
        site.send(spike(site, t0.plus(1, ChronoUnit.DAYS)));
        awaitDrained();
        Flag f = flagA(site, t0.plus(1, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
        assertThat(f.level().dbValue()).isEqualTo("red");
        assertThat(f.value()).isCloseTo(2600, within(1e-3));
        assertThat(f.evidence().unconfirmed()).isNull();
    }

    @Test
    void aRateWindowShorterThanTheLevellingIntervalIsRefusedNamingTheCadence() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "CAD422");
        site.marker("H1", E0 + 50, N0 + 30, 15 * DAY);
        var r = api().postJson("/api/v1/projects/" + site.projectId + "/rules", """
                {"name": "7-day rate", "metric": "settlement_rate", "statistic": "max", "windowSeconds": 604800, "unit": "mm/d",
                 "red": 1.67}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat((String) r.json("$.detail")).contains("settlement markers read every 15 d");
        assertThat((String) r.json("$.errors[0].field")).isEqualTo("windowSeconds");
        assertThat(((Number) r.json("$.cadence.intervalSeconds")).longValue()).isEqualTo(15 * DAY);
        // at 15 d it is accepted; the no-data age is derived and shown: 2.5 × 15 d = 37.5 d
        long id = site.rule("""
                {"name": "15-day rate", "metric": "settlement_rate", "statistic": "max", "windowSeconds": 1296000, "unit": "mm/d",
                 "red": 1.67}""");
        var rule = api().get("/api/v1/rules/" + id);
        assertThat(((Number) rule.json("$.effectiveNoDataAfterSeconds")).longValue()).isEqualTo(3_240_000L);
        assertThat((String) rule.json("$.noDataAfterSource")).isEqualTo("cadence");
        assertThat((Object) rule.json("$.noDataAfterSeconds")).isNull();
    }

    @Test
    void halfMonthlyLevellingHasARateAndIsNotSilentBetweenLevellings() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(100, ChronoUnit.DAYS);
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "HALFM");
        site.marker("H1", E0 + 50, N0 + 30, 15 * DAY);
        // levelled on days 0, 15, 30, 45 at 0, 1, 4, 7 mm
        double[] mm = {0, 1, 4, 7};
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < mm.length; i++) {
            lp.append(site.settlement("H1", start.plus(15L * i, ChronoUnit.DAYS), mm[i]));
        }
        site.send(lp.toString());
        awaitDrained();
        site.rule("""
                {"name": "rate", "metric": "settlement_rate", "statistic": "max", "windowSeconds": 1296000, "unit": "mm/d",
                 "yellow": 0.15, "red": 1.67}""");
        // ten days after the last levelling: the rate over the latest readings spanning 15 d (days 30 → 45): 3 mm / 15 d
        evaluator.evaluate(site.projectId, null, start.plus(55, ChronoUnit.DAYS), "test");
        Flag f = evaluator.flags(site.projectId, site.parcelA).values().iterator().next();
        assertThat(f.status()).isEqualTo("flagged");
        assertThat(f.value()).isCloseTo(0.2, within(1e-6));
        assertThat(f.level().dbValue()).isEqualTo("yellow");
        // 38 days after the last levelling (more than 2.5 × 15 d): silent
        evaluator.evaluate(site.projectId, null, start.plus(83, ChronoUnit.DAYS), "test");
        assertThat(evaluator.flags(site.projectId, site.parcelA).values().iterator().next().status()).isEqualTo("no_data");
    }

    @Test
    void movementEndedIsTheChangeWithinTheWindowNotTheTotalSinceBaseline() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(370, ChronoUnit.DAYS);
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "CHANGE");
        site.marker("H1", E0 + 50, N0 + 30, 15 * DAY);
        // 40 mm in the first 60 days, then 5 mm over the next 300: levelled every 15 days up to day 360
        StringBuilder lp = new StringBuilder();
        for (int d = 0; d <= 360; d += 15) {
            lp.append(site.settlement("H1", start.plus(d, ChronoUnit.DAYS), 40.0 * Math.min(d, 60) / 60 + 5.0 * Math.max(0, d - 60) / 300));
        }
        site.send(lp.toString());
        awaitDrained();
        site.rule("""
                {"name": "change in 6 months", "metric": "settlement", "statistic": "change", "windowSeconds": 15552000, "unit": "mm",
                 "red": 30}""");
        site.rule("""
                {"name": "total since baseline", "metric": "settlement", "statistic": "max", "windowSeconds": 15552000, "unit": "mm",
                 "red": 30, "spikeFilter": false}""");
        evaluator.evaluate(site.projectId, null, start.plus(360, ChronoUnit.DAYS).plusSeconds(60), "test");
        Map<String, Flag> byStatistic = new java.util.HashMap<>();
        evaluator.flags(site.projectId, site.parcelA).values().forEach(f -> byStatistic.put(f.statistic(), f));
        // window (day 180, 360]: first levelling in it day 195 at 40 + 5 × 135/300 = 42.25 mm, last day 360 at 45 mm
        assertThat(byStatistic.get("change").value()).isCloseTo(2.75, within(1e-6));
        assertThat(byStatistic.get("change").level()).isNull();
        assertThat(byStatistic.get("max").value()).isCloseTo(45, within(1e-6));
        assertThat(byStatistic.get("max").level().dbValue()).isEqualTo("red");
    }

    @Test
    void cadenceAndTimeZoneAreInTheCableSensorAndProjectApis() {
        EvaluationSite site = new EvaluationSite(api(), fixtures(), jdbc, "CADAPI");
        site.cable();
        long cable = jdbc.sql("SELECT id FROM cable WHERE project_id = ?").param(site.projectId).query(Long.class).single();
        // nothing set: the fiber type default, 1 d
        var c = api().get("/api/v1/cables/" + cable);
        assertThat((Object) c.json("$.properties.readingIntervalSeconds")).isNull();
        assertThat(((Number) c.json("$.properties.expectedIntervalSeconds")).longValue()).isEqualTo(DAY);
        long marker = site.marker("H1", E0 + 50, N0 + 30, 7 * DAY);
        assertThat(((Number) api().get("/api/v1/sensors/" + marker).json("$.expectedIntervalSeconds")).longValue()).isEqualTo(7 * DAY);
        var bad = api().postJson("/api/v1/projects/" + site.projectId + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "H2", "type": "settlement-marker", "readingIntervalSeconds": 1.5},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""".formatted(E0 + 60, N0 + 30));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.toString()).contains("readingIntervalSeconds");
        // project defaults: a marker without its own interval inherits the project's levelling interval
        String code = (String) api().get("/api/v1/projects/" + site.projectId).json("$.code");
        var wrongZone = api().putJson("/api/v1/projects/" + site.projectId, """
                {"code": "%s", "name": "cadence", "timeZone": "Mars/Olympus"}""".formatted(code));
        assertThat(wrongZone.status()).isEqualTo(422);
        assertThat((String) wrongZone.json("$.field")).isEqualTo("timeZone");
        var p = api().putJson("/api/v1/projects/" + site.projectId, """
                {"code": "%s", "name": "cadence", "timeZone": "Asia/Urumqi", "fiberIntervalSeconds": 3600,
                 "levellingIntervalSeconds": 2592000}""".formatted(code));
        assertThat(p.status()).as(p.toString()).isEqualTo(200);
        assertThat((String) p.json("$.timeZone")).isEqualTo("Asia/Urumqi");
        // site-local days everywhere follow the project's zone
        assertThat(siteZones.zoneOf(site.projectId)).isEqualTo(java.time.ZoneId.of("Asia/Urumqi"));
        assertThat(((Number) api().get("/api/v1/cables/" + cable).json("$.properties.expectedIntervalSeconds")).longValue()).isEqualTo(3600);
        long inherits = site.marker("H3", E0 + 70, N0 + 30, 0);
        assertThat(((Number) api().get("/api/v1/sensors/" + inherits).json("$.expectedIntervalSeconds")).longValue()).isEqualTo(30 * DAY);
    }
}
