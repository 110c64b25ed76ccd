package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * A report's dates are the site's: a project in Ürümqi (UTC+6) asked for at 16:30 UTC, which is 22:30 on 10 March there but
 * already 00:30 on 11 March in Beijing, gets 10 March on its cover, in its data window and in its report number.
 */
class ReportTimeZoneTest extends IntegrationTest {

    private static final String AT = "2026-03-10T16:30:00Z";

    @Test
    void datesAndTheReportNumberAreTheSitesDay() throws Exception {
        String code = Fixtures.uniqueCode("tz");
        long project = fixtures().project(code);
        long phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(Fixtures.feature("TZ-1", 1, "Polygon",
                Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        jdbc.sql("UPDATE project SET time_zone = 'Asia/Urumqi' WHERE id = ?").param(project).update();

        var json = api().postJson("/api/v1/phases/" + phase + "/reports?format=json&language=zh&at=" + AT, "{}");
        assertThat(json.status()).as(json.toString()).isEqualTo(201);
        var content = api().get("/api/v1/reports/" + json.json("$.id") + "/content");
        assertThat((String) content.json("$.meta.timeZone")).isEqualTo("Asia/Urumqi");
        assertThat((String) content.json("$.meta.reportNumber")).isEqualTo(code + "-1-20260310-01");

        var pdf = api().postJson("/api/v1/phases/" + phase + "/reports?format=pdf&language=zh&at=" + AT, "{}");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(201);
        try (PDDocument doc = Loader.loadPDF(api().getBytes("/api/v1/reports/" + pdf.json("$.id") + "/content").body())) {
            String text = new PDFTextStripper().getText(doc);
            // six months back from 22:30 on 10 March at the site: 10 September, 22:30
            assertThat(text).contains("报告编号：" + code + "-1-20260310-02", "2025-09-10 — 2026-03-10").doesNotContain("2026-03-11");
        }
        var docx = api().postJson("/api/v1/phases/" + phase + "/reports?format=docx&language=zh&at=" + AT, "{}");
        assertThat(docx.status()).as(docx.toString()).isEqualTo(201);
        try (var wd = new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(
                api().getBytes("/api/v1/reports/" + docx.json("$.id") + "/content").body()));
                var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(wd)) {
            String text = extractor.getText();
            assertThat(text).contains(code + "-1-20260310-03", "2025-09-10 — 2026-03-10").doesNotContain("2026-03-11");
        }
    }
}
