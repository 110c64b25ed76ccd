package com.goafwatch.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.evaluation.Evaluator;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.IntegrationTest;

/**
 * The alert list in Chromium: filters by parcel, level and kind, a bulk acknowledgement with one comment, each alert's
 * history; silent sensors as one summary after the real alerts; a viewer sees no acknowledging controls; the bulk endpoint refuses, all or nothing, an alert of a project the
 * caller is not granted.
 */
class AlertsWorkbenchBrowserTest extends IntegrationTest {

    @Autowired
    Evaluator evaluator;

    private EvaluationSite site;
    private long alertA;
    private long alertB;
    private long foreignAlert;
    private String engineer;
    private String viewer;

    /**
     * Rule yellow 400 µε, red 800 µε (ground strain, max |ε| over an hour); traces put 500 µε in parcel A (fiber 100 m) and
     * 900 µε in parcel B (fiber 200 m): by hand, A is yellow (400 ≤ 500 < 800), B red (900 ≥ 800).
     */
    private EvaluationSite raisedSite(String prefix) {
        EvaluationSite s = new EvaluationSite(api(), fixtures(), jdbc, prefix);
        s.cable();
        s.rule("""
                {"name": "strain", "metric": "fiber_strain", "statistic": "max_abs", "windowSeconds": 3600, "unit": "ue",
                 "yellow": 400, "red": 800, "spikeFilter": false}""");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            data.append(s.trace(t0.plus(i * 10L, ChronoUnit.MINUTES), d -> d == 100 ? 500 : d == 200 ? 900 : 0, d -> 16));
        }
        s.send(data.toString());
        awaitDrained();
        evaluator.evaluate(s.projectId, null, t0.plus(31, ChronoUnit.MINUTES), "test");
        return s;
    }

    private long alertOf(EvaluationSite s, long parcel) {
        return jdbc.sql("SELECT id FROM alert WHERE parcel_id = ? AND state = 'raised'").param(parcel).query(Long.class).single();
    }

    private String user(String role, long project) {
        String name = Fixtures.uniqueCode("wb-" + role).toLowerCase();
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "%s", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(name, role, project, name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    @BeforeEach
    void site() {
        site = raisedSite("WBA");
        alertA = alertOf(site, site.parcelA);
        alertB = alertOf(site, site.parcelB);
        EvaluationSite other = raisedSite("WBX");
        foreignAlert = alertOf(other, other.parcelA);
        engineer = user("engineer", site.projectId);
        viewer = user("viewer", site.projectId);
    }

    /** The engineer's workbench, signed in, once the alert list shows A's and B's alerts. */
    private Workbench engineerSeesBothAlerts() {
        Workbench page = new Workbench(port);
        try {
            page.signIn(engineer, "pw-" + engineer + "-long-enough");
            page.wait.until(d -> page.all("#alert-list li[data-alert]").size() == 2);
            return page;
        } catch (RuntimeException | Error e) {
            page.close();
            throw e;
        }
    }

    /** A colleague acknowledges the alert through the API: the open page learns it only from the live stream. */
    private void acknowledgeElsewhere(long alert) {
        var r = new HttpApi(port).as(engineer, "pw-" + engineer + "-long-enough")
                .postJson("/api/v1/alerts/" + alert + "/acknowledge", "{\"comment\": \"by phone\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private String state(long alert) {
        return jdbc.sql("SELECT state FROM alert WHERE id = ?").param(alert).query(String.class).single();
    }

    @Test
    void bulkEndpointRefusesAForeignAlertAndChangesNothing() {
        HttpApi asEngineer = new HttpApi(port).as(engineer, "pw-" + engineer + "-long-enough");
        var refused = asEngineer.postJson("/api/v1/alerts/bulk-acknowledge",
                "{\"ids\": [%d, %d], \"comment\": \"checked\"}".formatted(alertA, foreignAlert));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(state(alertA)).as("all or nothing").isEqualTo("raised");
        assertThat(state(foreignAlert)).isEqualTo("raised");
        var noComment = asEngineer.postJson("/api/v1/alerts/bulk-acknowledge", "{\"ids\": [%d], \"comment\": \" \"}".formatted(alertA));
        assertThat(noComment.status()).as(noComment.toString()).isEqualTo(422);
        assertThat(noComment.body()).contains("comment");
        var asViewer = new HttpApi(port).as(viewer, "pw-" + viewer + "-long-enough")
                .postJson("/api/v1/alerts/bulk-acknowledge", "{\"ids\": [%d], \"comment\": \"x\"}".formatted(alertA));
        assertThat(asViewer.status()).isEqualTo(403);
        assertThat(state(alertA)).isEqualTo("raised");
    }

    @Test
    void viewerSeesAlertsAndHistoryButNoAcknowledging() {
        try (Workbench page = new Workbench(port)) {
            page.signIn(viewer, "pw-" + viewer + "-long-enough");
            page.wait.until(d -> page.all("#alert-list li[data-alert]").size() == 2);
            assertThat(page.find("#alert-list").isDisplayed()).isTrue();
            assertThat(page.browser.findElement(By.id("alert-bulk")).isDisplayed()).isFalse();
            assertThat(page.all("#alert-list .pick, #alert-list .ack")).isEmpty();
            for (String view : List.of("admin", "import", "levelling")) {
                assertThat(page.browser.findElement(By.cssSelector("[data-view=" + view + "]")).isDisplayed()).as(view).isFalse();
            }
            page.openHistoryAndAwait(alertA, "li[data-kind=raised]", "");
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void engineerFiltersThenAcknowledgesBothWithOneCommentAndReadsTheHistory() {
        String comment = "Checked on site: cracks in the road surface, barrier put up";
        try (Workbench page = engineerSeesBothAlerts()) {

            // the parcel filter is filled once the page has listed the parcels, after the map is drawn
            page.wait.until(d -> page.all("#alert-parcel option").stream().anyMatch(o -> "A".equals(o.getText())));
            new Select(page.find("#alert-parcel")).selectByVisibleText("A");
            page.wait.until(d -> ids(page).equals(List.of(String.valueOf(alertA))));
            new Select(page.find("#alert-level")).selectByValue("red");
            page.wait.until(d -> ids(page).isEmpty());
            new Select(page.find("#alert-parcel")).selectByValue("");
            page.wait.until(d -> ids(page).equals(List.of(String.valueOf(alertB))));
            new Select(page.find("#alert-level")).selectByValue("");
            new Select(page.find("#alert-kind")).selectByValue("no_data");
            page.wait.until(d -> ids(page).isEmpty());
            new Select(page.find("#alert-kind")).selectByValue("threshold");
            page.wait.until(d -> ids(page).size() == 2);

            page.click("#alert-select-all");
            assertThat(page.all("#alert-list .pick:checked")).hasSize(2);
            page.find("#bulk-comment").sendKeys(comment);
            page.click("#bulk-ack");
            page.wait.until(d -> page.all("#alert-list li.state-acknowledged").size() == 2);
            assertThat(page.browser.findElement(By.id("alert-bulk")).isDisplayed()).as("nothing left to acknowledge").isFalse();

            for (long alert : List.of(alertA, alertB)) {
                assertThat(state(alert)).isEqualTo("acknowledged");
                assertThat(jdbc.sql("SELECT acknowledged_by FROM alert WHERE id = ?").param(alert).query(String.class).single())
                        .isEqualTo(engineer);
                assertThat(jdbc.sql("SELECT comment FROM alert_event WHERE alert_id = ? AND kind = 'acknowledged'").param(alert)
                        .query(String.class).list()).containsExactly(comment);
            }
            page.openHistoryAndAwait(alertB, "li[data-kind=acknowledged]", comment);
            assertThat(page.find("#alert-list li[data-alert='" + alertB + "'] .history li[data-kind=raised]").getText()).contains("raised");

            page.language("预警");
            page.awaitText("#alert-list li[data-alert='" + alertB + "'] .show-history", "处置记录");
            assertThat(new Select(page.find("#alert-kind")).getFirstSelectedOption().getText()).isEqualTo("超阈值");
            page.language("Alerts");
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    /**
     * The list is redrawn whenever an alert of the project changes (the live stream's layer versions): an open history
     * and a comment being written stay. (A redraw closing the history failed the bulk test above under stress-ng.)
     */
    @Test
    void aRedrawForAnotherAlertKeepsAnOpenHistoryAndAHalfWrittenComment() {
        String draft = "Half written: levelling crew on site at 14:00";
        try (Workbench page = engineerSeesBothAlerts()) {
            page.openHistoryAndAwait(alertA, "li[data-kind=raised]", "");
            String commentB = "#alert-list li[data-alert='" + alertB + "'] .ack-comment";
            page.find(commentB).sendKeys(draft);

            // a colleague acknowledges A elsewhere: the page learns it from the live stream and redraws the list
            acknowledgeElsewhere(alertA);
            page.wait.until(d -> !page.all("#alert-list li.state-acknowledged[data-alert='" + alertA + "']").isEmpty());

            // A's history is still open, read again with the acknowledgement; B's comment is still there
            page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#alert-list li[data-alert='" + alertA + "'] .history li[data-kind=acknowledged]")));
            assertThat(page.find(commentB).getDomProperty("value")).isEqualTo(draft);
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    /** The same in a parcel's panel, which is redrawn too when an alert of the project changes. */
    @Test
    void theParcelPanelKeepsItsOpenHistoryAndAHalfWrittenCommentThroughARedraw() {
        String draft = "Panel draft: grout take at borehole 3 to be checked";
        try (Workbench page = engineerSeesBothAlerts()) {
            page.click("#alert-list li[data-alert='" + alertA + "'] b"); // an alert item opens its parcel's panel
            page.wait.until(ExpectedConditions.textToBe(By.cssSelector("#tab-parcel .parcel-code"), "A"));
            String item = "#tab-parcel li[data-alert='" + alertA + "']";
            page.click(item + " .show-history");
            page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(item + " .history li[data-kind=raised]")));
            page.find(item + " .ack-comment").sendKeys(draft);

            acknowledgeElsewhere(alertA);
            page.wait.until(d -> !page.all("#tab-parcel li.state-acknowledged[data-alert='" + alertA + "']").isEmpty());

            page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(item + " .history li[data-kind=acknowledged]")));
            assertThat(page.find(item + " .ack-comment").getDomProperty("value")).isEqualTo(draft);
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aSilentCableIsOneSummaryLineAfterTheRealAlerts() {
        // three days after the last trace parcel B is evaluated again: its cable has been silent longer than the no-data
        // age (2.5 × its 1-day interval), so T-1 gets one no-data alert naming B; A's alert was not re-evaluated and stays
        evaluator.evaluate(site.projectId, Set.of(site.parcelB), Instant.now().plus(3, ChronoUnit.DAYS), "test");
        long noData = jdbc.sql("SELECT id FROM alert WHERE project_id = ? AND kind = 'no_data' AND state = 'raised'").param(site.projectId)
                .query(Long.class).single();
        try (Workbench page = new Workbench(port)) {
            page.signIn(engineer, "pw-" + engineer + "-long-enough");
            // waits that find the element afresh each time: a live event may redraw the list meanwhile
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list .no-data-summary .sensor-code"), "T-1"));
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list .no-data-summary .silent-parcels"),
                    "parcels affected: B"));
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list .no-data-summary .silent-span"),
                    "still silent"));
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list .no-data-summary > b"),
                    "Silent sensors (1)"));
            // read in one script: the real alerts first, then the summary; the no-data alert is not a line of its own
            @SuppressWarnings("unchecked")
            List<String> order = (List<String>) page.js("return [...document.querySelectorAll('#alert-list > li')]"
                    + ".map(li => li.dataset.alert ? 'alert ' + li.dataset.alert : li.className)");
            assertThat(order).contains("alert " + alertA).endsWith("no-data-summary").doesNotContain("alert " + noData);
            // it can be ticked for the bulk acknowledgement like any raised alert
            assertThat(page.all("#alert-list .no-data-summary .pick[value='" + noData + "']")).hasSize(1);

            page.language("预警");
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list .no-data-summary .silent-span"),
                    "仍无数据"));
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alert-list .no-data-summary .silent-parcels"),
                    "受影响地块: B"));
            page.language("Alerts");
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    private static List<String> ids(Workbench page) {
        // read in one script: the list is re-rendered under the test's feet while a filter applies
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) page.js("return [...document.querySelectorAll('#alert-list li[data-alert]')].map(li => li.dataset.alert)");
        return ids;
    }
}
