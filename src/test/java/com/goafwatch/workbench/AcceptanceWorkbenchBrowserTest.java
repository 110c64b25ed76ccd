package com.goafwatch.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import com.goafwatch.support.AcceptancePhase;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * The acceptance view driven as the panel's secretary (admin) and as a viewer. The phase is AcceptanceApiTest's hand-made
 * one: parcel A meets every criterion (450 m³ of grout over 15 mu = 30 m³/mu), parcel B has no QA test and no marker
 * (insufficient data). Accepting B without a reason for the override is refused where the form is and writes nothing;
 * decisions land in the database and the API; a report is generated, listed and verified against a SHA-256 computed here.
 */
class AcceptanceWorkbenchBrowserTest extends IntegrationTest {

    private long projectId;
    private long phaseId;
    private long parcelA;
    private long parcelB;

    @BeforeEach
    void site() {
        AcceptancePhase site = AcceptancePhase.create(api(), fixtures(), jdbc, "WBACC").groutedAndQuiet(400);
        projectId = site.projectId();
        phaseId = site.phaseId();
        parcelA = site.parcelA();
        parcelB = site.parcelB();
        awaitDrained();
    }

    private Workbench openAcceptance(String user, String password) {
        Workbench page = new Workbench(port).tablet();
        try {
            page.signIn(user, password);
        } catch (org.openqa.selenium.TimeoutException e) {
            String at = page.browser.getCurrentUrl();
            List<String> errors = page.consoleErrors();
            page.close();
            throw new AssertionError("the page did not load at " + at + "; console: " + errors, e);
        }
        // an admin sees every project of the shared database: open this one as a returning user would
        page.js("localStorage.setItem('goafwatch.project', arguments[0]); location.reload()", String.valueOf(projectId));
        page.wait.until(d -> Boolean.TRUE.equals(page.js("return document.body.dataset.ready === 'true' && !!window.goafwatch"
                + " && !!window.goafwatch.project && window.goafwatch.project.id === arguments[0]", projectId)));
        page.click("[data-view=acceptance]");
        page.wait.until(d -> page.all("#acc-parcels tr").size() == 2 && page.all("#acc-criteria dd").size() == 16
                && "acceptance".equals(page.js("return document.getElementById('view-body').dataset.ready || ''")));
        return page;
    }

    private String user(String role) {
        String name = Fixtures.uniqueCode("wb-acc").toLowerCase();
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "%s", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(name, role, projectId, name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private long decisions(long parcel) {
        return jdbc.sql("SELECT count(*) FROM acceptance_decision WHERE parcel_id = ?").param(parcel).query(Long.class).single();
    }

    private void decide(Workbench page, long parcel, String decision, String comment) {
        new Select(page.find("#acc-target")).selectByValue("parcel:" + parcel);
        new Select(page.find("#acc-decision")).selectByValue(decision);
        page.find("#acc-comment").sendKeys(comment);
    }

    @Test
    void thePanelDecidesAndAReportIsGeneratedAndVerified() throws Exception {
        String admin = user("admin");
        try (Workbench page = openAcceptance(admin, "pw-" + admin + "-long-enough")) {
            assertThat(page.find("#acc-parcels tr[data-parcel=A]").getAttribute("data-verdict")).isEqualTo("meets");
            assertThat(page.find("#acc-parcels tr[data-parcel=B]").getAttribute("data-verdict")).isEqualTo("insufficient_data");
            assertThat(page.find("#acc-parcels tr[data-parcel=A] li[data-criterion=grout_take]").getText()).contains("30.000");
            assertThat(page.find("#acc-criteria dd[data-criterion=minCoreStrengthMpa]").getText()).isEqualTo("9");
            assertThat(page.find("#acc-parcels tr[data-parcel=B] li[data-criterion=settlement_cumulative]").getText())
                    .contains("no settlement markers in the parcel");

            // B against its verdict, override ticked but no reason: the API's 422 is shown at the form, nothing is written
            decide(page, parcelB, "accepted", "minutes 8");
            page.click("#acc-override");
            page.click("#acc-record");
            page.awaitText("#acc-problem li[data-status='422']", "overrideReason");
            assertThat(decisions(parcelB)).isZero();
            assertThat(jdbc.sql("SELECT status FROM parcel WHERE id = ?").param(parcelB).query(String.class).single()).isEqualTo("monitoring");

            decide(page, parcelA, "accepted", ""); // the comment is still in the box from the refused attempt
            page.find("#acc-comment").clear();
            page.find("#acc-comment").sendKeys("panel meeting 2026-11-20, minutes 7");
            page.click("#acc-record");
            page.awaitText("#acc-status", "recorded");
            var recorded = jdbc.sql("SELECT decision, comment, decided_by, verdict->>'verdict' FROM acceptance_decision WHERE parcel_id = ?")
                    .param(parcelA).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
            assertThat(recorded).containsExactly("accepted", "panel meeting 2026-11-20, minutes 7", admin, "meets");
            assertThat(jdbc.sql("SELECT status FROM parcel WHERE id = ?").param(parcelA).query(String.class).single()).isEqualTo("accepted");
            List<Map<String, Object>> listed = api().get("/api/v1/phases/" + phaseId + "/acceptance-decisions").json("$");
            assertThat(listed).singleElement().satisfies(d -> assertThat(d).containsEntry("parcel", "A").containsEntry("decision", "accepted"));
            page.awaitText("#acc-decisions li", "panel meeting 2026-11-20, minutes 7");
            assertThat(page.find("#acc-parcels tr[data-parcel=A] .parcel-status").getText()).isEqualTo("accepted");

            // B with the reason: recorded, the reason beside the verdict
            decide(page, parcelB, "accepted", "minutes 8");
            page.click("#acc-override");
            page.find("#acc-override-reason").sendKeys("neighbouring tests suffice");
            page.click("#acc-record");
            page.wait.until(d -> decisions(parcelB) == 1);
            assertThat(jdbc.sql("SELECT verdict->>'overrideReason' FROM acceptance_decision WHERE parcel_id = ?").param(parcelB)
                    .query(String.class).single()).isEqualTo("neighbouring tests suffice");
            page.awaitText("#acc-decisions .override-reason", "neighbouring tests suffice");

            // a report: generated with the page busy until it is stored, listed, downloadable and verified
            assertThat(page.all("#rep-list li[data-report]")).isEmpty();
            new Select(page.find("#rep-format")).selectByValue("json");
            page.click("#rep-generate");
            page.wait.until(d -> page.all("#rep-list li[data-report]").size() == 1);
            long report = jdbc.sql("SELECT id FROM report WHERE phase_id = ?").param(phaseId).query(Long.class).single();
            var li = page.find("#rep-list li[data-report='" + report + "']");
            assertThat(li.findElement(org.openqa.selenium.By.cssSelector("a.download")).getAttribute("href"))
                    .endsWith("/api/v1/reports/" + report + "/content");
            assertThat(page.find("#rep-generate").isEnabled()).isTrue();
            assertThat(page.all("#rep-progress").get(0).isDisplayed()).isFalse();
            byte[] bytes = api().getBytes("/api/v1/reports/" + report + "/content").body();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            page.click("#rep-list li[data-report='" + report + "'] button.verify");
            page.awaitText("#rep-list li[data-report='" + report + "'] .verify-result .verified", "#" + report);
            assertThat(page.find("#rep-list li[data-report='" + report + "'] .verified").getAttribute("data-sha256")).isEqualTo(sha256);

            page.language("预警");
            page.wait.until(d -> page.all("#acc-record").size() == 1 && "记录决定".equals(page.find("#acc-record").getText()));
            assertThat(page.find("#rep-generate").getText()).isEqualTo("生成报告");
            assertThat(page.find("#acc-parcels tr[data-parcel=A] .parcel-status").getText()).isEqualTo("已验收");
            assertThat(page.find("#acc-parcels tr[data-parcel=B]").getText()).contains("数据不足");
            // the server's sentences and units from the shared catalogue, in Chinese: B's missing markers, A's grout take per mu
            assertThat(page.find("#acc-parcels tr[data-parcel=B] li[data-criterion=settlement_cumulative]").getText())
                    .contains("地块内无沉降观测点", "累计沉降");
            assertThat(page.find("#acc-parcels tr[data-parcel=A] li[data-criterion=grout_take]").getText()).contains("450 m³，注浆孔 2 个，面积 15 亩");
            page.language("Alerts");
            page.wait.until(d -> page.all("#acc-record").size() == 1 && "Record decision".equals(page.find("#acc-record").getText()));
            assertThat(page.find("button[data-view=acceptance]").getText()).isEqualTo("Acceptance");
            // Chromium logs every 4xx response; the refused override is expected, nothing else (no script or CSP error)
            assertThat(page.consoleErrors()).singleElement().asString()
                    .contains("/api/v1/parcels/" + parcelB + "/acceptance-decision").contains("status of 422");
        }
    }

    @Test
    void aViewerSeesVerdictsButNoDecisionOrReportControls() {
        String viewer = user("viewer");
        try (Workbench page = openAcceptance(viewer, "pw-" + viewer + "-long-enough")) {
            assertThat(page.find("#acc-parcels tr[data-parcel=A]").getAttribute("data-verdict")).isEqualTo("meets");
            assertThat(page.all("#acc-decide")).isEmpty();
            assertThat(page.all("#acc-record")).isEmpty();
            assertThat(page.all("#rep-generate")).isEmpty();
            assertThat(page.find("#rep-list").getText()).isEqualTo("No report generated yet.");
            assertThat(page.find("#acc-decisions").getText()).isEqualTo("No decision recorded yet.");
            assertThat(((Number) page.js("return document.getElementById('view').scrollWidth - document.getElementById('view').clientWidth"))
                    .intValue()).as("no sideways scrolling on the tablet").isLessThanOrEqualTo(0);
            assertThat(page.consoleErrors()).isEmpty();
        }
    }
}
