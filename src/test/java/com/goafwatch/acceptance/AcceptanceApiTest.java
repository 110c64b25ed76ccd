package com.goafwatch.acceptance;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.AcceptancePhase;
import com.goafwatch.support.IntegrationTest;

/**
 * A hand-made phase with known answers: parcel A has everything (grouting a year ago, passing QA, seven
 * months of quiet levelling), parcel B lacks QA and markers. Criteria through the API, verdicts with their
 * numbers, and decisions that alone change the status, recorded and audited.
 */
@SuppressWarnings("unchecked")
class AcceptanceApiTest extends IntegrationTest {

    private long projectId;
    private long phaseId;
    private long parcelA;
    private long parcelB;

    @BeforeEach
    void site() {
        AcceptancePhase site = AcceptancePhase.create(api(), fixtures(), jdbc, "ACC").groutedAndQuiet(400);
        projectId = site.projectId();
        phaseId = site.phaseId();
        parcelA = site.parcelA();
        parcelB = site.parcelB();
        awaitDrained();
    }

    private Map<String, Object> criterion(Map<String, Object> parcel, String name) {
        return ((List<Map<String, Object>>) parcel.get("criteria")).stream().filter(c -> c.get("criterion").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void verdictsCarryTheirNumbers() {
        var r = api().get("/api/v1/phases/" + phaseId + "/acceptance");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Map<String, Object>> parcels = r.json("$.parcels");
        Map<String, Object> a = parcels.get(0);
        assertThat(a.get("code")).isEqualTo("A");
        assertThat(a.get("verdict")).isEqualTo("meets");
        // G1 and G2 lie in A: 450 m³ over 15 mu
        assertThat(((Number) criterion(a, "grout_take").get("value")).doubleValue()).isCloseTo(30.0, within(1e-3));
        // 0.01 mm/d over the window, a little over 1.8 mm in six months
        assertThat(((Number) criterion(a, "settlement_rate").get("value")).doubleValue()).isCloseTo(0.01, within(1e-4));
        assertThat(((Number) criterion(a, "settlement_cumulative").get("value")).doubleValue()).isBetween(1.7, 1.9);
        assertThat(criterion(a, "fiber_strain").get("verdict")).isEqualTo("meets"); // no cable crosses A
        Map<String, Object> b = parcels.get(1);
        assertThat(b.get("verdict")).isEqualTo("insufficient_data");
        assertThat(criterion(b, "qa_pass_rate").get("verdict")).isEqualTo("insufficient_data");
        assertThat(criterion(b, "settlement_cumulative").get("detail")).isEqualTo("no settlement markers in the parcel");
        assertThat((String) r.json("$.verdict")).isEqualTo("insufficient_data");
        assertThat(((Number) r.json("$.meetsMu")).doubleValue()).isCloseTo(15.0, within(1e-3));
        // the parcel endpoint gathers for the one parcel and must say exactly what the phase says of it
        for (Map<String, Object> p : parcels) {
            var one = api().get("/api/v1/parcels/" + p.get("parcelId") + "/acceptance");
            assertThat((String) one.json("$.verdict")).isEqualTo(p.get("verdict"));
            assertThat((List<Object>) one.json("$.criteria[*].value")).isEqualTo(((List<Map<String, Object>>) p.get("criteria")).stream()
                    .map(c -> c.get("value")).toList());
        }

        // stricter criteria (admin) turn A's verdict
        var put = api().putJson("/api/v1/projects/" + projectId + "/acceptance-criteria", "{\"maxSettlementRateMmPerDay\": 0.005}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(((Number) put.json("$.minCoreStrengthMpa")).doubleValue()).isEqualTo(9.0);
        assertThat((String) api().get("/api/v1/parcels/" + parcelA + "/acceptance").json("$.verdict")).isEqualTo("does_not_meet");
        var badTime = api().get("/api/v1/phases/" + phaseId + "/acceptance?at=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat((String) badTime.json("$.parameter")).isEqualTo("at");
        assertThat(api().putJson("/api/v1/projects/" + projectId + "/acceptance-criteria", "{\"minQaPassRate\": ").status()).isEqualTo(400);
        assertThat(api().putJson("/api/v1/projects/" + projectId + "/acceptance-criteria", "{\"minCoreStrength\": 9}").status())
                .as("a misspelt criterion is refused, not ignored").isEqualTo(400);
        assertThat(api().putJson("/api/v1/projects/" + projectId + "/acceptance-criteria", "{\"minCoreStrengthMpa\": \"high\"}").status())
                .isEqualTo(400);
        var bad = api().putJson("/api/v1/projects/" + projectId + "/acceptance-criteria", "{\"minQaPassRate\": 1.5, \"maxFluidLoss\": \"some\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat((String) bad.json("$.detail")).contains("minQaPassRate", "maxFluidLoss");
    }

    /** Ground strain g at fiber distance {@code at} (fiber = chainage on this cable; coupling 0.4), zero elsewhere. */
    private void trace(Instant t, int at, double g) {
        StringBuilder lp = new StringBuilder();
        for (int d = 0; d <= 300; d += 10) {
            lp.append(String.format(Locale.ROOT, "fiber_strain,cable=T-1 distance_m=%d,strain_ue=%.3f,temperature_c=15 %d%n", d,
                    d == at ? 0.4 * g : 0.0, t.toEpochMilli() * 1_000_000L));
        }
        assertThat(api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain",
                lp.toString().getBytes()).status()).isEqualTo(202);
    }

    @Test
    void fiberStrainMustRecurInTwoTracesToCount() {
        fixtures().trenchCable(projectId, "T-1", E0 - 50, N0 + 50, E0 + 250, N0 + 50, 300);
        Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
        trace(t, 60, 1000);
        trace(t.plusSeconds(3600), 70, 5000); // a one-trace spike, as interrogators produce
        trace(t.plusSeconds(7200), 60, 1200);
        awaitDrained();
        Map<String, Object> a = ((List<Map<String, Object>>) api().get("/api/v1/phases/" + phaseId + "/acceptance").json("$.parcels")).get(0);
        assertThat(criterion(a, "fiber_strain").get("verdict")).isEqualTo("meets");
        assertThat(((Number) criterion(a, "fiber_strain").get("value")).doubleValue()).isCloseTo(1200.0, within(0.5));

        trace(t.plusSeconds(10800), 80, -2600); // compression beyond class I, twice
        trace(t.plusSeconds(14400), 80, -2500);
        awaitDrained();
        a = ((List<Map<String, Object>>) api().get("/api/v1/phases/" + phaseId + "/acceptance").json("$.parcels")).get(0);
        assertThat(criterion(a, "fiber_strain").get("verdict")).isEqualTo("does_not_meet");
        assertThat(((Number) criterion(a, "fiber_strain").get("value")).doubleValue()).isCloseTo(2500.0, within(0.5));
        assertThat(a.get("verdict")).isEqualTo("does_not_meet");
    }

    @Test
    void onlyARecordedDecisionAcceptsAndItTakesTheVerdictIntoAccount() {
        // a field edit cannot accept
        var put = api().putJson("/api/v1/parcels/" + parcelA + "?crs=EPSG:4548",
                feature("A", 1, "Polygon", square(E0, N0, 100)).replace("\"landUse\"", "\"status\": \"accepted\", \"landUse\""));
        assertThat(put.status()).isEqualTo(409);
        assertThat((String) put.json("$.detail")).contains("acceptance-decision");
        // nor can an import
        var imported = fixtures().importGeoJson(projectId, "?crs=EPSG:4548&mode=upsert", collection(
                feature("A", 1, "Polygon", square(E0, N0, 100)).replace("\"landUse\"", "\"status\": \"accepted\", \"landUse\"")));
        assertThat(imported.status()).isEqualTo(422);
        assertThat(imported.body()).contains("set only by a recorded acceptance decision");
        assertThat(jdbc.sql("SELECT status FROM parcel WHERE id = ?").param(parcelA).query(String.class).single()).isEqualTo("monitoring");

        assertThat(api().postJson("/api/v1/parcels/" + parcelA + "/acceptance-decision", "{\"decision\": \"accepted\"}").status())
                .as("a comment is required").isEqualTo(422);
        var ok = api().postJson("/api/v1/parcels/" + parcelA + "/acceptance-decision",
                "{\"decision\": \"accepted\", \"comment\": \"panel meeting 2026-11-20, minutes 7\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT status FROM parcel WHERE id = ?").param(parcelA).query(String.class).single()).isEqualTo("accepted");
        var recorded = jdbc.sql("SELECT decided_by, comment, verdict->>'verdict' FROM acceptance_decision WHERE parcel_id = ?").param(parcelA)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(recorded).containsExactly("token:test-admin", "panel meeting 2026-11-20, minutes 7", "meets");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_type = 'acceptance_decision' AND project_id = ?").param(projectId)
                .query(Long.class).single()).isEqualTo(1);

        // B does not meet the criteria yet: accepting needs an explicit override
        var refused = api().postJson("/api/v1/parcels/" + parcelB + "/acceptance-decision", "{\"decision\": \"accepted\", \"comment\": \"ok\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat((String) refused.json("$.verdict")).isEqualTo("insufficient_data");
        assertThat(jdbc.sql("SELECT status FROM parcel WHERE id = ?").param(parcelB).query(String.class).single()).isEqualTo("monitoring");
        // the phase cannot be accepted while B is not
        var phase = api().postJson("/api/v1/phases/" + phaseId + "/acceptance-decision", "{\"decision\": \"accepted\", \"comment\": \"all\"}");
        assertThat(phase.status()).isEqualTo(409);
        assertThat((List<String>) phase.json("$.parcels")).containsExactly("B");

        // an override must say why, or nothing is written
        var unexplained = api().postJson("/api/v1/parcels/" + parcelB + "/acceptance-decision",
                "{\"decision\": \"accepted\", \"comment\": \"minutes 8\", \"overrideVerdict\": true, \"overrideReason\": \"  \"}");
        assertThat(unexplained.status()).as(unexplained.toString()).isEqualTo(422);
        assertThat((String) unexplained.json("$.detail")).contains("overrideReason");
        assertThat(jdbc.sql("SELECT count(*) FROM acceptance_decision WHERE parcel_id = ?").param(parcelB).query(Long.class).single()).isZero();
        var overridden = api().postJson("/api/v1/parcels/" + parcelB + "/acceptance-decision",
                "{\"decision\": \"accepted\", \"comment\": \"see minutes 8\", \"overrideVerdict\": true, "
                        + "\"overrideReason\": \"panel accepts B on the neighbouring tests\"}");
        assertThat(overridden.status()).isEqualTo(201);
        assertThat(api().postJson("/api/v1/phases/" + phaseId + "/acceptance-decision", "{\"decision\": \"accepted\", \"comment\": \"phase 1 accepted\", "
                + "\"overrideVerdict\": true, \"overrideReason\": \"B accepted on the neighbouring tests\"}").status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT status FROM phase WHERE id = ?").param(phaseId).query(String.class).single()).isEqualTo("accepted");
        var decisions = api().get("/api/v1/phases/" + phaseId + "/acceptance-decisions");
        assertThat((List<String>) decisions.json("$[*].decision")).containsExactly("accepted", "accepted", "accepted");
        assertThat((List<String>) decisions.json("$[*].overrideReason")).containsExactly(null, "panel accepts B on the neighbouring tests",
                "B accepted on the neighbouring tests");
        assertThat(api().postJson("/api/v1/parcels/" + parcelA + "/acceptance-decision", "{\"decision\": \"rejected\", \"comment\": \"x\"}")
                .status()).as("decided parcels are not decided again").isEqualTo(409);
        assertThat(api().postJson("/api/v1/parcels/999999999/acceptance-decision", "{\"decision\": \"accepted\", \"comment\": \"x\"}").status())
                .isEqualTo(404);
    }
}
