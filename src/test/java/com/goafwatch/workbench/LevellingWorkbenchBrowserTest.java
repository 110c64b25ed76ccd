package com.goafwatch.workbench;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Levelling entry on a tablet-sized window (1024×768), as an engineer: the phase's markers in route order (M-2 before
 * M-10) with their last value; a value far beyond its marker's history is flagged before saving and is not saved until
 * corrected or confirmed; the plausible values are saved and read back from the API.
 */
class LevellingWorkbenchBrowserTest extends IntegrationTest {

    private EvaluationSite site;
    private long m1;
    private long m2;
    private String engineer;

    @BeforeEach
    void setUp() {
        site = new EvaluationSite(api(), fixtures(), jdbc, "WBLEV");
        m1 = site.marker("M-1", E0 + 20, N0 + 20);
        m2 = site.marker("M-2", E0 + 60, N0 + 20);
        site.marker("M-10", E0 + 150, N0 + 20);
        // history: 0 mm 30 days ago, 3 mm 15 days ago → fastest rate 0.2 mm/d; 15 days on, a change of up to
        // 5 + 3 × 0.2 × 15 = 14 mm is plausible (JumpCheck, hand computation)
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant d30 = now.minus(30, ChronoUnit.DAYS);
        Instant d15 = now.minus(15, ChronoUnit.DAYS);
        site.send(site.settlement("M-1", d30, 0) + site.settlement("M-1", d15, 3) + site.settlement("M-2", d30, 0)
                + site.settlement("M-2", d15, 3));
        awaitDrained();
        engineer = Fixtures.uniqueCode("wb-lev").toLowerCase();
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(engineer,
                site.projectId, engineer));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void enter(Workbench page, String marker, String value) {
        var input = page.find("#lev-rows tr[data-marker='" + marker + "'] input.value");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(value);
    }

    @Test
    void aJumpIsFlaggedBeforeSavingOnATablet() {
        try (Workbench page = new Workbench(port).tablet()) {
            page.signIn(engineer, "pw-" + engineer + "-long-enough");
            assertThat(((Number) page.js("return window.innerWidth")).intValue()).isLessThanOrEqualTo(1024);
            page.click("[data-view=levelling]");
            page.wait.until(d -> page.all("#lev-rows tr").size() == 3);
            @SuppressWarnings("unchecked")
            List<String> order = (List<String>) page.js("return [...document.querySelectorAll('#lev-rows tr')].map(r => r.dataset.marker)");
            assertThat(order).containsExactly("M-1", "M-2", "M-10");
            assertThat(page.find("#lev-rows tr[data-marker='M-1'] .last").getText()).startsWith("3.0 mm");
            assertThat(page.find("#lev-rows tr[data-marker='M-10'] .last").getText()).isEqualTo("no reading yet");
            assertThat(((Number) page.js("return document.getElementById('view').scrollWidth - document.getElementById('view').clientWidth"))
                    .intValue()).as("no sideways scrolling on the tablet").isLessThanOrEqualTo(0);

            enter(page, "M-1", "4");    // change 1 mm: plausible
            enter(page, "M-2", "40");   // change 37 mm > 14 mm: flagged
            enter(page, "M-10", "1.5"); // no history: not judged
            page.click("#lev-save");
            page.awaitText("#lev-rows tr[data-marker='M-2'] .warning .implausible", "37.0 mm");
            assertThat(page.find("#lev-rows tr[data-marker='M-2'] .warning").getText()).contains("14.0 mm");
            assertThat(page.all("#lev-rows tr[data-marker='M-1'] .warning .implausible")).isEmpty();
            assertThat(page.find("#lev-rows tr[data-marker='M-10'] .warning").getText()).contains("too little history");
            assertThat(page.find("#lev-confirm-label").isDisplayed()).isTrue();
            assertThat(api().get("/api/v1/ingest/status").<Number>json("$.pendingBatches").intValue()).isZero();
            assertThat(settlement(m1)).as("nothing saved while a value is flagged").hasSize(2);

            enter(page, "M-2", "12");  // corrected: change 9 mm ≤ 14 mm
            page.click("#lev-save");
            page.awaitText("#lev-status", "3 readings saved.");
            awaitDrained();
            assertThat(settlement(m1)).hasSize(3);
            assertThat(((Number) settlement(m1).get(2).get("settlementMm")).doubleValue()).isCloseTo(4.0, within(1e-9));
            assertThat(((Number) settlement(m2).get(2).get("settlementMm")).doubleValue()).isCloseTo(12.0, within(1e-9));

            page.language("预警");
            page.wait.until(d -> page.all("#lev-rows tr").size() == 3);
            assertThat(page.find("#lev-save").getText()).isEqualTo("保存");
            page.language("Alerts");
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    private List<Map<String, Object>> settlement(long sensor) {
        return api().get("/api/v1/sensors/" + sensor + "/settlement?from=" + Instant.now().minus(60, ChronoUnit.DAYS) + "&to="
                + Instant.now().plus(1, ChronoUnit.HOURS)).json("$.readings");
    }
}
