package com.goafwatch.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * The threshold-rule editor on a tablet-sized window, as an engineer: parcel A's effective rules with where each comes
 * from (a project rule and a phase rule), a draft refused by the validator with its message beside the field, the
 * backtest of the corrected draft over two days of stored traces (ground strain over 90–110 m of the cable in A rising
 * 600 → 1500 → 2100 µε: by hand blue, then yellow, then red, nothing on B), then the rule saved and read back from the
 * database and the API. A viewer does not get the editor.
 */
class RulesWorkbenchBrowserTest extends IntegrationTest {

    private static final double[] PEAKS = {0, 0, 600, 900, 1500, 2100, 2100, 1500, 600, 0};

    private EvaluationSite site;

    @BeforeEach
    void setUp() {
        site = new EvaluationSite(api(), fixtures(), jdbc, "WBRULE");
        site.cable();
        site.rule("""
                {"name": "cable temperature", "metric": "fiber_temperature", "statistic": "max", "windowSeconds": 86400, "unit": "degC", "red": 60}""");
        site.rule("""
                {"name": "strain rate P1", "phaseId": %d, "metric": "fiber_strain_rate", "statistic": "max_abs", "windowSeconds": 86400,
                 "unit": "ue/d", "red": 5000}""".formatted(site.phaseId));
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(42, ChronoUnit.HOURS);
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < PEAKS.length; i++) {
            double peak = PEAKS[i];
            lp.append(site.trace(first.plus(4L * i, ChronoUnit.HOURS), d -> d >= 90 && d <= 110 ? peak : 0, d -> 16));
        }
        site.send(lp.toString());
        awaitDrained();
    }

    private String user(String role) {
        String name = Fixtures.uniqueCode("wb-rule").toLowerCase();
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "%s", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(name, role,
                site.projectId, name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private static void type(Workbench page, String css, String value) {
        var input = page.find(css);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        if (!value.isEmpty()) {
            input.sendKeys(value);
        }
    }

    @Test
    void aRuleIsCreatedAfterLookingAtItsBacktest() {
        String engineer = user("engineer");
        try (Workbench page = new Workbench(port).tablet()) {
            page.signIn(engineer, "pw-" + engineer + "-long-enough");
            page.click("[data-view=rules]");
            page.wait.until(d -> "rules".equals(page.js("return document.getElementById('view-body').dataset.ready || ''")));
            new Select(page.find("#rules-parcel")).selectByVisibleText("A");
            page.wait.until(d -> page.all("#rules-rows tr").size() == 2);
            page.awaitText("#rules-rows tr", "cable temperature");
            assertThat(page.find("#rules-rows").getText()).contains("the whole project").contains("phase 1");

            page.click("#rule-new");
            type(page, "#rule-name", "class I strain, parcel A");
            new Select(page.find("#rule-scope")).selectByVisibleText("parcel A");
            new Select(page.find("#rule-metric")).selectByValue("fiber_strain");
            new Select(page.find("#rule-statistic")).selectByValue("max_abs");
            type(page, "#rule-windowHours", "6");
            type(page, "#rule-yellow", "1000");
            type(page, "#rule-orange", "900");
            page.click("#bt-run");
            // the validator's message beside the field it concerns; nothing ran, nothing saved
            page.awaitText(".field-error[data-error-for=orange]", "must be above yellow");
            assertThat(page.all("#bt-rows tr")).isEmpty();

            type(page, "#rule-orange", "");
            type(page, "#rule-blue", "500");
            type(page, "#rule-red", "2000");
            type(page, "#bt-days", "2");
            page.click("#bt-run");
            page.wait.until(d -> page.all("#bt-rows tr").size() == 3);
            @SuppressWarnings("unchecked")
            List<String> levels = (List<String>) page.js("return [...document.querySelectorAll('#bt-rows tr')].map(r => r.dataset.level)");
            assertThat(levels).containsExactly("blue", "yellow", "red");
            @SuppressWarnings("unchecked")
            List<String> parcels = (List<String>) page.js("return [...document.querySelectorAll('#bt-rows tr')].map(r => r.dataset.parcel)");
            assertThat(parcels).containsOnly("A");
            assertThat(page.js("return document.querySelector('.field-error[data-error-for=orange]').textContent")).as("cleared").isEqualTo("");
            page.awaitText("#bt-summary", "3 alert(s) on 1 parcel(s) in the last 2 d (576 evaluation cycles every 5 min");
            assertThat(jdbc.sql("SELECT count(*) FROM threshold_rule WHERE project_id = ?").param(site.projectId).query(Long.class).single())
                    .as("a backtest saves nothing").isEqualTo(2);

            page.click("#rule-save");
            page.awaitText("#rule-status", "saved.");
            page.wait.until(d -> page.all("#rules-rows tr").size() == 3);
            page.awaitText("#rules-rows", "parcel A");
            assertThat(((Number) page.js("return document.getElementById('view').scrollWidth - document.getElementById('view').clientWidth"))
                    .intValue()).as("no sideways scrolling on the tablet").isLessThanOrEqualTo(0);

            Map<String, Object> row = jdbc.sql("SELECT name, parcel_id, phase_id, metric, statistic, window_seconds, unit, blue, yellow, orange, red "
                    + "FROM threshold_rule WHERE project_id = ? AND metric = 'fiber_strain'").param(site.projectId).query().singleRow();
            assertThat(row.get("name")).isEqualTo("class I strain, parcel A");
            assertThat(((Number) row.get("parcel_id")).longValue()).isEqualTo(site.parcelA);
            assertThat(row.get("phase_id")).isNull();
            assertThat(((Number) row.get("window_seconds")).longValue()).isEqualTo(21_600);
            assertThat(row.get("unit")).isEqualTo("ue");
            assertThat((Double) row.get("blue")).isCloseTo(500, within(1e-9));
            assertThat((Double) row.get("yellow")).isCloseTo(1000, within(1e-9));
            assertThat(row.get("orange")).isNull();
            assertThat((Double) row.get("red")).isCloseTo(2000, within(1e-9));
            List<Map<String, Object>> effective = api().get("/api/v1/parcels/" + site.parcelA + "/effective-rules").json("$");
            assertThat(effective).extracting(r -> r.get("name")).contains("class I strain, parcel A", "cable temperature", "strain rate P1");
            List<Map<String, Object>> onB = api().get("/api/v1/parcels/" + site.parcelB + "/effective-rules").json("$");
            assertThat(onB).extracting(r -> r.get("name")).doesNotContain("class I strain, parcel A");

            page.language("预警");
            page.wait.until(d -> page.all("#rules-rows tr").size() == 3);
            assertThat(page.find("#rules-rows").getText()).contains("整个项目").contains("第 1 期").contains("地块 A");
            assertThat(page.find("#bt-run").getText()).isEqualTo("运行回测");
            page.language("Alerts");
            // Chromium logs every 4xx response: the refused draft is expected, nothing else (no script or CSP error)
            assertThat(page.consoleErrors()).singleElement().asString().contains("/rules/backtest").contains("status of 422");
        }
    }

    @Test
    void aViewerHasNoRuleEditor() {
        String viewer = user("viewer");
        try (Workbench page = new Workbench(port).tablet()) {
            page.signIn(viewer, "pw-" + viewer + "-long-enough");
            assertThat(page.all("[data-view=rules]")).singleElement().matches(e -> !e.isDisplayed());
            // and the server refuses the viewer's backtest (and rule) all the same
            var asViewer = new com.goafwatch.support.HttpApi(port).as(viewer, "pw-" + viewer + "-long-enough");
            assertThat(asViewer.postJson("/api/v1/projects/" + site.projectId + "/rules/backtest", "{\"days\": 1}").status()).isEqualTo(403);
            assertThat(page.consoleErrors()).isEmpty();
        }
    }
}
