package com.goafwatch.monitoring;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.acceptance.AcceptanceCriteria;
import com.goafwatch.acceptance.EvidenceGatherer;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Days are the site's (goafwatch.ingest.site-zone, Asia/Shanghai = UTC+8, no daylight saving): readings at
 * 15:30Z and 16:30Z on 10 March 2025 are one UTC day but two site days (23:30 on the 10th, 00:30 on the 11th).
 * Daily fiber extremes, the settlement readings' days and the acceptance evidence's daily means must keep them
 * apart. Expected values by hand from the readings written.
 */
class SiteLocalDaysTest extends IntegrationTest {

    /** 23:30 site time on 10 March. */
    private static final Instant LATE = Instant.parse("2025-03-10T15:30:00Z");
    /** 00:30 site time on 11 March, the same UTC day as LATE. */
    private static final Instant EARLY = Instant.parse("2025-03-10T16:30:00Z");
    /** 11:00 site time on 11 March. */
    private static final Instant NOON = Instant.parse("2025-03-11T03:00:00Z");

    @Autowired
    EvidenceGatherer gatherer;

    private long projectId;
    private long phaseId;
    private long cableId;
    private long markerId;

    @BeforeEach
    void site() {
        assertThat(LATE.atZone(ZoneOffset.UTC).toLocalDate()).isEqualTo(EARLY.atZone(ZoneOffset.UTC).toLocalDate());
        projectId = fixtures().project(Fixtures.uniqueCode("DAYS"));
        phaseId = fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("A", 1, "Polygon", square(E0, N0, 100))))
                .status()).isEqualTo(200);
        cableId = fixtures().trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 300);
        var m = api().postJson("/api/v1/projects/" + projectId + "/sensors?crs=EPSG:4548", String.format(Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "M1", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.3f, %.3f]}}""", E0 + 50, N0 + 30));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        markerId = ((Number) m.json("$.id")).longValue();
        // fiber strain at 100 m: 100 µε at LATE, 300 at EARLY, 200 at NOON (16 °C: the service removes 20 µε); M1: 5 mm, 7 mm
        StringBuilder lp = new StringBuilder();
        double[][] traces = {{LATE.toEpochMilli(), 100}, {EARLY.toEpochMilli(), 300}, {NOON.toEpochMilli(), 200}};
        for (double[] t : traces) {
            lp.append(String.format(Locale.ROOT, "fiber_strain,cable=T-1 distance_m=100,strain_ue=%.1f,temperature_c=16 %d%n", t[1] + 20,
                    (long) t[0] * 1_000_000L));
        }
        lp.append(String.format(Locale.ROOT, "settlement,sensor=M1 settlement_mm=5.0 %d%n", LATE.toEpochMilli() * 1_000_000L));
        lp.append(String.format(Locale.ROOT, "settlement,sensor=M1 settlement_mm=7.0 %d%n", EARLY.toEpochMilli() * 1_000_000L));
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain", lp.toString().getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
    }

    @Test
    void dailyFiberExtremesAreSiteDays() {
        var h = api().get("/api/v1/cables/" + cableId + "/history?distance=100&from=2025-03-09T16:00:00Z&to=2025-03-11T16:00:00Z&bucket=day");
        assertThat(h.status()).as(h.toString()).isEqualTo(200);
        assertThat((String) h.json("$.zone")).isEqualTo("Asia/Shanghai");
        List<Map<String, Object>> days = h.json("$.buckets");
        assertThat(days).extracting(b -> b.get("day")).containsExactly("2025-03-10", "2025-03-11");
        // each site day starts at 16:00Z the day before
        assertThat(days).extracting(b -> b.get("start")).containsExactly("2025-03-09T16:00:00Z", "2025-03-10T16:00:00Z");
        assertThat(((Number) days.get(0).get("maxUe")).doubleValue()).isCloseTo(100, within(1e-9));
        assertThat(((Number) days.get(0).get("count")).intValue()).isEqualTo(1);
        assertThat(((Number) days.get(1).get("minUe")).doubleValue()).isCloseTo(200, within(1e-9));
        assertThat(((Number) days.get(1).get("maxUe")).doubleValue()).isCloseTo(300, within(1e-9));
        assertThat(((Number) days.get(1).get("meanUe")).doubleValue()).isCloseTo(250, within(1e-9));
        assertThat(api().get("/api/v1/cables/" + cableId + "/history?distance=100&bucket=week").status()).isEqualTo(400);
    }

    @Test
    void settlementReadingsNameTheirSiteDay() {
        var s = api().get("/api/v1/sensors/" + markerId + "/settlement?from=2025-03-09T00:00:00Z&to=2025-03-12T00:00:00Z");
        assertThat(s.status()).as(s.toString()).isEqualTo(200);
        assertThat((List<String>) s.json("$.readings[*].day")).containsExactly("2025-03-10", "2025-03-11");
        assertThat((List<String>) s.json("$.readings[*].time")).containsExactly(LATE.toString(), EARLY.toString());
    }

    @Test
    void acceptanceDailyMeansAreSiteDays() {
        var evidence = gatherer.gather(projectId, phaseId, AcceptanceCriteria.DEFAULTS, Instant.parse("2025-03-12T00:00:00Z"));
        var series = evidence.markers().get(0);
        // two site days with one reading each (one UTC day would average them to 6.0 mm)
        assertThat(series.days()).containsExactly(Instant.parse("2025-03-09T16:00:00Z"), Instant.parse("2025-03-10T16:00:00Z"));
        assertThat(series.meanMm()).containsExactly(5.0, 7.0);
        var marker = evidence.parcels().get(0).markers().get(0);
        assertThat(marker.readings()).isEqualTo(2);
        assertThat(marker.cumulativeMm()).isCloseTo(2.0, within(1e-9));
        // the stability window is six calendar months of the site: from 12 Sep 2024 08:00 site time
        assertThat(evidence.from()).isEqualTo(Instant.parse("2024-09-12T00:00:00Z"));
        assertThat(LocalDate.ofInstant(evidence.from(), java.time.ZoneId.of("Asia/Shanghai"))).isEqualTo(LocalDate.of(2024, 9, 12));
    }
}
