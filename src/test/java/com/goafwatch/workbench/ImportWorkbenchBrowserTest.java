package com.goafwatch.workbench;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * Imports in Chromium, as an engineer, through the file picker: a GeoJSON of parcels is previewed (counts; the dry run
 * wrote nothing), then imported; a QA table with bad rows is refused with each bad row shown as the API named it, and
 * nothing of it is written.
 */
class ImportWorkbenchBrowserTest extends IntegrationTest {

    @TempDir
    Path dir;

    private long project;
    private String engineer;

    @BeforeEach
    void setUp() {
        project = fixtures().project(Fixtures.uniqueCode("WBIMP"));
        fixtures().phase(project, 1);
        engineer = Fixtures.uniqueCode("wb-imp").toLowerCase();
        var r = api().postJson("/api/v1/admin/users", """
                {"username": "%s", "role": "engineer", "projectIds": [%d], "password": "pw-%s-long-enough"}""".formatted(engineer, project,
                engineer));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private long count(String table, long projectId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    private Workbench openImport() {
        Workbench page = new Workbench(port);
        page.signIn(engineer, "pw-" + engineer + "-long-enough");
        page.click("[data-view=import]");
        page.wait.until(d -> "import".equals(page.js("return document.getElementById('view-body').dataset.ready || ''")));
        return page;
    }

    @Test
    void parcelsArePreviewedThenImported() throws Exception {
        Path file = dir.resolve("parcels.geojson");
        Files.writeString(file, """
                {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4548"}},
                 "features": [%s, %s, %s]}""".formatted(Fixtures.feature("W-1", 1, "Polygon", Fixtures.square(E0, N0, 100)),
                Fixtures.feature("W-2", 1, "Polygon", Fixtures.square(E0 + 100, N0, 100)),
                Fixtures.feature("W-3", 1, "Polygon", Fixtures.square(E0 + 200, N0, 100))));
        try (Workbench page = openImport()) {
            new Select(page.find("#import-kind")).selectByValue("parcels");
            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(file.toString());
            page.awaitText("#import-result .preview .count-created", "3 new");
            assertThat(count("parcel", project)).as("the preview wrote nothing").isZero();
            page.click("#import-go");
            page.awaitText("#import-result .imported .count-created", "3 new");
            assertThat(jdbc.sql("SELECT code FROM parcel WHERE project_id = ? ORDER BY code").param(project).query(String.class).list())
                    .containsExactly("W-1", "W-2", "W-3");
            page.click("#view-close");
            page.wait.until(d -> !page.all("path.parcel-W-3").isEmpty());
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aQaTableWithBadRowsIsRefusedRowByRowAndNothingIsWritten() throws Exception {
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("A", 1, "Polygon", Fixtures.square(E0, N0, 100)))).status()).isEqualTo(200);
        Path file = dir.resolve("qa.csv");
        // file lines: 1 header, 2 good, 3 unknown type, 4 unknown parcel
        Files.writeString(file, """
                code,type,parcel,tested_on,core_strength_mpa,wave_velocity_ms
                Q-1,core_strength,A,2020-09-01,11.5,
                Q-2,no_such_test,A,2020-09-02,11.0,
                Q-3,core_strength,NOPE,2020-09-03,12.0,
                """);
        try (Workbench page = openImport()) {
            new Select(page.find("#import-kind")).selectByValue("qaTests");
            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(file.toString());
            page.wait.until(d -> page.all("#import-result .refused .problems li.problem").size() == 2);
            String shown = page.find("#import-result .refused").getText();
            assertThat(shown).contains("row 3 (Q-2)").contains("row 4 (Q-3)").doesNotContain("Q-1)");
            assertThat(shown).contains("no_such_test").contains("NOPE");
            assertThat(page.all("#import-go")).as("nothing to import").isEmpty();
            assertThat(count("qa_test", project)).isZero();

            page.language("预警");
            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(file.toString());
            page.wait.until(d -> page.find("#import-result .refused").getText().contains("第 3 行"));
            page.language("Alerts");
            assertThat(count("qa_test", project)).isZero();
        }
    }
}
