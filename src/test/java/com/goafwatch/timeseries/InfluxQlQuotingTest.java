package com.goafwatch.timeseries;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import com.goafwatch.support.IntegrationTest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * "Identifiers and string literals in InfluxQL are always quoted": every statement the service sends while
 * serving the monitoring endpoints, a phase's acceptance verdict and its report is captured at the client
 * and checked by an independent lint; likewise every statement of a threshold evaluation with a rule of
 * each statistic, a rate, a baselined (raw-read) cable and a lone-trace spike that needs its spatial test.
 */
class InfluxQlQuotingTest extends IntegrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ==> ", value = {
            "SELECT max(\"strain_ue\") FROM \"fiber_strain\" WHERE \"cable\" = '12' AND time >= 5ms ==> ''",
            "SELECT max(strain_ue) FROM fiber_strain ==> strain_ue fiber_strain",
            "SELECT top(\"max_ue\", 2) AS v FROM \"fiber_trace_stats\" WHERE \"parcel\" =~ /^(1|2)$/ GROUP BY time(1d), \"parcel\" ==> v",
            "SELECT \"a\" FROM \"m\" WHERE \"t\" = 'it''s \"x\" y' AND pos = '1.5' ==> pos",
            "SELECT mean(\"v\") FROM \"m\" WHERE time >= '2026-01-01T00:00:00Z' GROUP BY time(60000ms, 1000ms) fill(none) ==> ''",
            "CREATE RETENTION POLICY \"raw\" ON \"goafwatch\" DURATION INF REPLICATION 1 DEFAULT ==> ''"})
    void theLintFindsBareIdentifiers(String statement, String expected) {
        assertThat(String.join(" ", InfluxQlLint.bareIdentifiers(statement))).isEqualTo(expected);
    }

    @Test
    void everyStatementOfMonitoringAcceptanceAndReportsQuotesItsIdentifiers() {
        long project = fixtures().project(com.goafwatch.support.Fixtures.uniqueCode("QUOTE"));
        long phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", collection(feature("Q-A", 1, "Polygon", square(E0, N0, 100))
                .replace("\"landUse\"", "\"status\": \"monitoring\", \"landUse\""))).status()).isEqualTo(200);
        long parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(project).query(Long.class).single();
        long cable = fixtures().trenchCable(project, "Q-1", E0 - 50, N0 + 50, E0 + 150, N0 + 50, 250);
        var marker = api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "Q-M", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", E0 + 50, N0 + 50));
        long markerId = ((Number) marker.json("$.id")).longValue();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        String lp = "fiber_strain,cable=Q-1 distance_m=100,strain_ue=10,temperature_c=15 " + t.toEpochMilli() * 1_000_000L + "\n"
                + "settlement,sensor=Q-M settlement_mm=1.5 " + t.toEpochMilli() * 1_000_000L + "\n";
        assertThat(api().postBytes("/api/v1/projects/" + project + "/ingest/line-protocol?precision=ns", "text/plain", lp.getBytes())
                .status()).isEqualTo(202);
        awaitDrained();

        Logger client = (Logger) LoggerFactory.getLogger(InfluxClient.class);
        ListAppender<ILoggingEvent> statements = new ListAppender<>();
        statements.start();
        Level before = client.getLevel();
        client.setLevel(Level.DEBUG);
        client.addAppender(statements);
        try {
            String range = "from=" + t.minus(1, ChronoUnit.DAYS) + "&to=" + Instant.now();
            for (String path : List.of("/api/v1/cables/" + cable + "/profile", "/api/v1/cables/" + cable + "/history?distance=100&" + range,
                    "/api/v1/cables/" + cable + "/history?distanceFrom=50&distanceTo=150&" + range,
                    "/api/v1/cables/" + cable + "/history?distance=100&bucket=day&" + range,
                    "/api/v1/parcels/" + parcel + "/strain?" + range, "/api/v1/sensors/" + markerId + "/settlement?" + range,
                    "/api/v1/phases/" + phase + "/acceptance")) {
                var r = api().get(path);
                assertThat(r.status()).as(path + ": " + r).isEqualTo(200);
            }
            var report = api().postJson("/api/v1/phases/" + phase + "/reports?format=json&language=en", "");
            assertThat(report.status()).as(report.toString()).isBetween(200, 201);
        } finally {
            client.detachAppender(statements);
            client.setLevel(before);
        }
        List<String> sent = statements.list.stream().map(ILoggingEvent::getFormattedMessage)
                .map(m -> m.substring(m.indexOf(": ") + 2)).toList();
        assertThat(sent).as("the endpoints did query InfluxDB").hasSizeGreaterThanOrEqualTo(8);
        assertThat(sent).allSatisfy(s -> assertThat(InfluxQlLint.bareIdentifiers(s)).as(s).isEmpty());
    }

    @Test
    void everyStatementOfAnEvaluationQuotesItsIdentifiers() {
        long project = fixtures().project(com.goafwatch.support.Fixtures.uniqueCode("QEVAL"));
        fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", collection(feature("QE-A", 1, "Polygon", square(E0, N0, 100))
                .replace("\"landUse\"", "\"status\": \"monitoring\", \"landUse\""))).status()).isEqualTo(200);
        long parcel = jdbc.sql("SELECT id FROM parcel WHERE project_id = ?").param(project).query(Long.class).single();
        long cable = fixtures().trenchCable(project, "QE-1", E0 - 50, N0 + 50, E0 + 150, N0 + 50, 250);
        var marker = api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "QE-M", "type": "settlement-marker", "readingIntervalSeconds": 3600},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", E0 + 50, N0 + 50));
        assertThat(marker.status()).isEqualTo(201);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
        StringBuilder lp = new StringBuilder();
        for (int k = 0; k < 2; k++) {
            long ns = t.plus(k, ChronoUnit.HOURS).toEpochMilli() * 1_000_000L;
            for (int d = 60; d <= 140; d += 2) {
                // a lone spike at 100 m in the newest trace only
                double strain = k == 1 && d == 100 ? 3000 : 10;
                lp.append(String.format(Locale.ROOT, "fiber_strain,cable=QE-1 distance_m=%d,strain_ue=%.1f,temperature_c=15 %d%n", d, strain, ns));
            }
            lp.append(String.format(Locale.ROOT, "settlement,sensor=QE-M settlement_mm=%.1f %d%n", 1.5 + k, ns));
        }
        assertThat(api().postBytes("/api/v1/projects/" + project + "/ingest/line-protocol?precision=ns", "text/plain",
                lp.toString().getBytes()).status()).isEqualTo(202);
        awaitDrained();
        String[] rules = {
                "{\"name\": \"max\", \"metric\": \"fiber_strain\", \"statistic\": \"max_abs\", \"windowSeconds\": 86400, \"unit\": \"ue\", \"red\": 1000}",
                "{\"name\": \"p95\", \"metric\": \"fiber_strain\", \"statistic\": \"percentile\", \"statisticParameter\": 95, \"windowSeconds\": 86400, \"unit\": \"ue\", \"red\": 1000}",
                "{\"name\": \"len\", \"metric\": \"fiber_strain\", \"statistic\": \"length_over\", \"statisticParameter\": 500, \"windowSeconds\": 86400, \"unit\": \"m\", \"red\": 10}",
                "{\"name\": \"mean\", \"metric\": \"fiber_temperature\", \"statistic\": \"mean\", \"windowSeconds\": 86400, \"unit\": \"degC\", \"red\": 50}",
                "{\"name\": \"rate\", \"metric\": \"fiber_strain_rate\", \"statistic\": \"max_abs\", \"windowSeconds\": 86400, \"unit\": \"ue/d\", \"red\": 100000}",
                "{\"name\": \"srate\", \"metric\": \"settlement_rate\", \"statistic\": \"max\", \"windowSeconds\": 86400, \"unit\": \"mm/d\", \"red\": 100}",
                "{\"name\": \"change\", \"metric\": \"settlement\", \"statistic\": \"change\", \"windowSeconds\": 86400, \"unit\": \"mm\", \"red\": 30}"};
        for (String rule : rules) {
            var r = api().postJson("/api/v1/projects/" + project + "/rules", rule);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        List<String> sent = captured(() -> {
            assertThat(api().postJson("/api/v1/projects/" + project + "/evaluate", "").status()).isEqualTo(200);
            // a baselined cable is read sample by sample
            assertThat(api().postJson("/api/v1/cables/" + cable + "/baselines", "{\"metric\": \"fiber_strain\", \"takenAt\": \""
                    + t.plusSeconds(60) + "\"}").status()).isEqualTo(201);
            assertThat(api().postJson("/api/v1/projects/" + project + "/evaluate", "").status()).isEqualTo(200);
        });
        // the rollups, percentile, length-over, rate traces, markers, baseline, raw samples and the spatial test of the spike
        assertThat(sent).as("the evaluation did query InfluxDB").hasSizeGreaterThanOrEqualTo(10);
        assertThat(String.join("\n", sent)).contains("percentile(", "count(", "\"distance_m\" FROM");
        assertThat(sent).allSatisfy(s -> assertThat(InfluxQlLint.bareIdentifiers(s)).as(s).isEmpty());
        assertThat(parcel).isPositive();
    }

    private List<String> captured(Runnable action) {
        Logger client = (Logger) LoggerFactory.getLogger(InfluxClient.class);
        ListAppender<ILoggingEvent> statements = new ListAppender<>();
        statements.start();
        Level before = client.getLevel();
        client.setLevel(Level.DEBUG);
        client.addAppender(statements);
        try {
            action.run();
        } finally {
            client.detachAppender(statements);
            client.setLevel(before);
        }
        return statements.list.stream().map(ILoggingEvent::getFormattedMessage).map(m -> m.substring(m.indexOf(": ") + 2)).toList();
    }
}
