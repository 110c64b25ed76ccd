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
            page.wait.until(d -> page.all("#import-map path.preview-parcel").size() == 3);
            assertThat(page.all("#import-map path.preview-W-2")).as("each outline named by its code").hasSize(1);
            page.click("#import-go");
            page.awaitText("#import-result .imported .count-created", "3 new");
            assertThat(jdbc.sql("SELECT code FROM parcel WHERE project_id = ? ORDER BY code").param(project).query(String.class).list())
                    .containsExactly("W-1", "W-2", "W-3");
            page.click("#view-close");
            page.wait.until(d -> new com.goafwatch.support.WebMap(page.browser).drawn("parcels-fill").contains("W-3"));
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
            assertThat(page.consoleErrors()).as("only the expected refusals").allSatisfy(e -> assertThat(e)
                    .contains("/qa-tests/import?dryRun=true").contains("status of 422"));
        }
    }

    @Test
    void aGeoPackageWithABadFeatureIsRefusedByFeatureThenReadingsFromCsvArePreviewedAndImported() throws Exception {
        Path src = dir.resolve("src.geojson");
        Files.writeString(src, Fixtures.collection(Fixtures.feature("G-1", 1, "Polygon", Fixtures.square(E0, N0, 100)),
                Fixtures.feature("G-2", 9, "Polygon", Fixtures.square(E0 + 300, N0, 100))));
        Path gpkg = dir.resolve("site.gpkg");
        Process ogr = new ProcessBuilder("ogr2ogr", "-f", "GPKG", "-s_srs", "EPSG:4548", "-a_srs", "EPSG:4548", "-nln", "parcels",
                gpkg.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(ogr.getInputStream().readAllBytes());
        assertThat(ogr.waitFor()).as(out).isZero();
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(
                Fixtures.feature("A", 1, "Polygon", Fixtures.square(E0, N0 + 500, 100)))).status()).isEqualTo(200);
        assertThat(api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", String.format(java.util.Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "M-1", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", E0 + 50, N0 + 550)).status()).isEqualTo(201);
        long marker = jdbc.sql("SELECT id FROM point_sensor WHERE project_id = ? AND code = 'M-1'").param(project).query(Long.class).single();
        Path csv = dir.resolve("readings.csv");
        // lines 2 and 3; times a day apart
        Files.writeString(csv, "sensor,time,settlementMm\nM-1,2026-06-01T08:00:00+08:00,1.5\nM-1,2026-06-02T08:00:00+08:00,2.25\n");
        try (Workbench page = openImport()) {
            new Select(page.find("#import-kind")).selectByValue("parcels");
            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(gpkg.toString());
            page.wait.until(d -> !page.all("#import-result .refused .problems li.problem").isEmpty());
            assertThat(page.find("#import-result .refused").getText()).contains("feature 2 (G-2)").contains("phase 9");
            assertThat(count("parcel", project)).as("only the parcel made beforehand").isEqualTo(1);

            new Select(page.find("#import-kind")).selectByValue("readings");
            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(csv.toString());
            page.awaitText("#import-result .preview .count-pointReadings", "2 readings");
            assertThat(api().get("/api/v1/ingest/status").<Number>json("$.pendingBatches").intValue()).as("the preview spooled nothing")
                    .isZero();
            page.click("#import-go");
            page.awaitText("#import-result .imported .count-pointReadings", "2 readings");
            assertThat(page.js("return document.getElementById('import-result').dataset.progress")).as("upload progress reached the end")
                    .isEqualTo("100");
            awaitDrained();
            java.util.List<Number> mm = api().get("/api/v1/sensors/" + marker
                    + "/settlement?from=2026-05-31T00:00:00Z&to=2026-06-03T00:00:00Z").json("$.readings[*].settlementMm");
            assertThat(mm).extracting(Number::doubleValue).containsExactly(1.5, 2.25);
            // Chromium logs every non-2xx response; the refused preview's 422 is the one expected, nothing else may appear
            assertThat(page.consoleErrors()).allSatisfy(e -> assertThat(e).contains("/parcels/import-file?dryRun=true")
                    .contains("status of 422"));
        }
    }

    /**
     * A readings CSV as spreadsheets export it: every field quoted, CRLF, a blank line, and a remark column (ignored by
     * the API) whose quoted text holds commas, doubled quotes and a line break, before the time and value columns — read
     * as the server reads its CSV tables (Commons CSV: RFC 4180, trimmed, empty lines ignored), so the values stay in
     * their columns; a record with a field missing is refused naming its line, and nothing is sent.
     */
    @Test
    void aReadingsCsvWithQuotedFieldsIsReadAsTheServerReadsCsv() throws Exception {
        assertThat(api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", String.format(java.util.Locale.ROOT, """
                {"type": "Feature", "properties": {"code": "M-Q", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%.1f, %.1f]}}""", E0 + 50, N0 + 550)).status()).isEqualTo(201);
        long marker = jdbc.sql("SELECT id FROM point_sensor WHERE project_id = ? AND code = 'M-Q'").param(project)
                .query(Long.class).single();
        Path csv = dir.resolve("quoted.csv");
        Files.writeString(csv, "\"sensor\",\"remark\",\"time\",\"settlementMm\"\r\n"
                + "\"M-Q\",\"levelled twice, rod \"\"B\"\", 1,5 mm apart\",\"2026-06-01T08:00:00+08:00\",\"1.5\"\r\n\r\n"
                + "\"M-Q\",\"rain,\r\nsecond line\", 2026-06-02T08:00:00+08:00 , 2.25\r\n");
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "sensor,remark,time,settlementMm\nM-Q,\"a, b\",2026-06-03T08:00:00+08:00\n");
        try (Workbench page = openImport()) {
            new Select(page.find("#import-kind")).selectByValue("readings");
            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(ragged.toString());
            page.awaitText("#import-result .answer-failed", "line 2 has 3 fields, the header has 4");
            assertThat(page.all("#import-go")).isEmpty();

            page.browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(csv.toString());
            page.awaitText("#import-result .preview .count-pointReadings", "2 readings");
            page.click("#import-go");
            page.awaitText("#import-result .imported .count-pointReadings", "2 readings");
            awaitDrained();
            java.util.List<Number> mm = api().get("/api/v1/sensors/" + marker
                    + "/settlement?from=2026-05-31T00:00:00Z&to=2026-06-04T00:00:00Z").json("$.readings[*].settlementMm");
            assertThat(mm).extracting(Number::doubleValue).containsExactly(1.5, 2.25);
            assertThat(page.consoleErrors()).isEmpty();
        }
    }
}
