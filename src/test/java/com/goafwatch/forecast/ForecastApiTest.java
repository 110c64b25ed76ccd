package com.goafwatch.forecast;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.AcceptancePhase;
import com.goafwatch.support.IntegrationTest;

/**
 * A parcel grouted 305 days ago whose marker M-A has settled since on a Knothe curve s = 40·(1 − e^(−0.005·t)) mm
 * (levelled every 15 days, t days since the first levelling), and a parcel B without markers. Expected by hand: final
 * 40 mm; latest (t = 300) 40·(1 − e^(−1.5)) = 31.075 mm; the mean rate over 100 days, 40·e^(−0.005t)·(e^(0.5) − 1)/100,
 * reaches the default 0.04 mm/d at t* = ln(40·(e^0.5 − 1)/4)/0.005 = 374.0 days after the first levelling.
 */
@SuppressWarnings("unchecked")
class ForecastApiTest extends IntegrationTest {

    private long projectId;
    private long phaseId;
    private long parcelA;
    private LocalDate first;

    @BeforeEach
    void site() {
        AcceptancePhase site = AcceptancePhase.create(api(), fixtures(), jdbc, "FC");
        projectId = site.projectId();
        phaseId = site.phaseId();
        parcelA = site.parcelA();
        first = LocalDate.now(ZoneOffset.UTC).minusDays(300);
        site.boreholes(String.format(Locale.ROOT, "G1,grouting,%.1f,%.1f,80,%s,300,0.3%n", E0 + 20, N0 + 20, first.minusDays(5)));
        site.markerInA();
        StringBuilder lp = new StringBuilder();
        for (int t = 0; t <= 300; t += 15) {
            long ns = first.plusDays(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000L;
            lp.append(String.format(Locale.ROOT, "settlement,sensor=M-A settlement_mm=%.4f %d%n", 40 * (1 - Math.exp(-0.005 * t)), ns));
        }
        site.lineProtocol(lp.toString()); // readings at midnight UTC: today's is never in the future (00:30 was, before 00:30)
        awaitDrained();
    }

    @Test
    void phaseAndParcelForecastsAgreeWithTheCurve() {
        var r = api().get("/api/v1/phases/" + phaseId + "/settlement-forecast");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(((Number) r.json("$.criterion.windowDays")).intValue()).isEqualTo(100);
        List<Map<String, Object>> parcels = r.json("$.parcels");
        assertThat(parcels).extracting(p -> p.get("code")).containsExactly("A", "B");
        Map<String, Object> a = parcels.get(0);
        assertThat(a.get("status")).isEqualTo("forecast");
        assertThat(a.get("governingMarker")).isEqualTo("M-A");
        assertThat(((Number) a.get("finalMm")).doubleValue()).isCloseTo(40.0, within(0.4));
        assertThat(((Number) a.get("residualMm")).doubleValue()).isCloseTo(40 - 31.075, within(0.4));
        double tStar = Math.log(40 * (Math.exp(0.5) - 1) / 4) / 0.005;
        LocalDate expected = first.plusDays((long) Math.ceil(tStar));
        assertThat(LocalDate.parse((String) a.get("stableOn"))).isBetween(expected.minusDays(2), expected.plusDays(2));
        Map<String, Object> marker = ((List<Map<String, Object>>) a.get("markers")).get(0);
        assertThat(marker.get("readings")).isEqualTo(21);
        assertThat(marker.get("firstReading")).isEqualTo(first.toString());
        Map<String, Object> forecast = (Map<String, Object>) marker.get("forecast");
        assertThat((List<Map<String, Object>>) forecast.get("models")).extracting(x -> x.get("model"))
                .containsExactly("hyperbolic", "asaoka", "knothe");
        assertThat(forecast.get("model")).isIn("knothe", "asaoka"); // the curve is exponential: the hyperbola fits worse
        assertThat(parcels.get(1).get("status")).isEqualTo("insufficient_data");

        var one = api().get("/api/v1/parcels/" + parcelA + "/settlement-forecast");
        assertThat(one.status()).isEqualTo(200);
        assertThat((Object) one.json("$.stableOn")).isEqualTo(a.get("stableOn"));
        assertThat((Object) one.json("$.finalMm")).isEqualTo(a.get("finalMm"));

        // a stricter project criterion moves the date: 0.02 mm/d → t* = ln(40·(e^0.5 − 1)/2)/0.005
        assertThat(api().putJson("/api/v1/projects/" + projectId + "/acceptance-criteria", "{\"stableRateMmPerDay\": 0.02}").status())
                .isEqualTo(200);
        LocalDate stricter = first.plusDays((long) Math.ceil(Math.log(40 * (Math.exp(0.5) - 1) / 2) / 0.005));
        assertThat(LocalDate.parse((String) api().get("/api/v1/parcels/" + parcelA + "/settlement-forecast").json("$.stableOn")))
                .isBetween(stricter.minusDays(2), stricter.plusDays(2));
        assertThat(api().get("/api/v1/phases/999999999/settlement-forecast").status()).isIn(403, 404);
        assertThat(api().get("/api/v1/phases/" + phaseId + "/settlement-forecast?at=soon").status()).isEqualTo(400);
    }
}
