package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/**
 * The horizontal-displacement section (GB 51180-2016 12.3.8) of the PDF and the Word copy, read back, against displacements
 * worked out by hand from the surveyed coordinates: which markers are surveyed, every survey's ΔE, ΔN, magnitude and
 * bearing, and a curve.
 */
class ReportDisplacementTest extends IntegrationTest {

    private static final String AT = "2026-03-10T00:00:00Z";

    @Test
    void surveyedMarkersTheirDisplacementsAndACurve() throws Exception {
        long project = fixtures().project(Fixtures.uniqueCode("DISP"));
        long phase = fixtures().phase(project, 1);
        assertThat(fixtures().importGeoJson(project, "?crs=EPSG:4548", Fixtures.collection(Fixtures.feature("DP-1", 1, "Polygon",
                Fixtures.square(Fixtures.E0, Fixtures.N0, 100)))).status()).isEqualTo(200);
        marker(project, "SM-1", 454_050, 3_924_050);
        marker(project, "SM-2", 454_080, 3_924_020);
        marker(project, "SM-3", 454_020, 3_924_080); // levelled only, never surveyed in 3-D
        // SM-1: +3 mm east, −4 mm north → 5 mm at atan2(3, −4) = 143.13° (south-east)
        // SM-2: −6 mm east, +8 mm north → 10 mm at 360° − atan(6/8) = 323.13° (north-west)
        String json = """
                {"readings": [
                  {"sensor": "SM-1", "time": "2026-02-01T09:00:00+08:00", "eastingM": 454050.1000, "northingM": 3924050.2000, "heightM": 35.000},
                  {"sensor": "SM-1", "time": "2026-03-01T09:00:00+08:00", "eastingM": 454050.1030, "northingM": 3924050.1960, "heightM": 34.998},
                  {"sensor": "SM-2", "time": "2026-02-01T10:00:00+08:00", "eastingM": 454080.0000, "northingM": 3924020.0000, "heightM": 34.500},
                  {"sensor": "SM-2", "time": "2026-03-01T10:00:00+08:00", "eastingM": 454079.9940, "northingM": 3924020.0080, "heightM": 34.500}]}""";
        var ingest = api().postBytes("/api/v1/projects/" + project + "/ingest/survey", "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(ingest.status()).as(ingest.toString()).isEqualTo(202);
        awaitDrained();

        String pdf;
        byte[] bytes = report(phase, "pdf", "zh");
        // kept for a human look at the section and its curve (target/report-pages)
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "report-pages"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "report-pages", "displacement-zh.pdf"), bytes);
        int images = 0;
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            pdf = oneLine(new PDFTextStripper().getText(doc));
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    images += page.getResources().getXObject(name) instanceof PDImageXObject ? 1 : 0;
                }
            }
        }
        String docx;
        try (var wd = new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(report(phase, "docx", "zh")));
                var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(wd)) {
            docx = oneLine(extractor.getText());
        }
        for (String text : new String[] {pdf, docx}) {
            assertThat(text).contains("水平位移观测（GB 51180-2016 第12.3.8条）", "本期 2 个沉降观测点同时进行三维观测（全站仪或GNSS，EPSG:4548）",
                    "水平位移观测成果表");
            // layout: the two surveyed markers, their parcel, baseline day and number of surveys; SM-3 is not among them
            assertThat(text).contains("SM-1 DP-1 2026-02-01 2", "SM-2 DP-1 2026-02-01 2").doesNotContain("SM-3 DP-1 2026");
            // results: the baseline survey (no movement, no direction) and the second one
            assertThat(text).contains("SM-1 2026-02-01 0.0 0.0 0.0 –", "SM-1 2026-03-01 +3.0 -4.0 5.0 143.1°（东南）",
                    "SM-2 2026-03-01 -6.0 +8.0 10.0 323.1°（西北）");
        }
        assertThat(images).as("the map and the displacement curves").isGreaterThanOrEqualTo(2);

        try (PDDocument doc = Loader.loadPDF(report(phase, "pdf", "en"))) {
            assertThat(oneLine(new PDFTextStripper().getText(doc))).contains("Horizontal displacement (GB 51180-2016, 12.3.8)",
                    "SM-1 2026-03-01 +3.0 -4.0 5.0 143.1° (SE)", "SM-2 2026-03-01 -6.0 +8.0 10.0 323.1° (NW)");
        }
    }

    private byte[] report(long phase, String format, String language) {
        var created = api().postJson("/api/v1/phases/" + phase + "/reports?format=" + format + "&language=" + language + "&at=" + AT, "{}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return api().getBytes("/api/v1/reports/" + created.json("$.id") + "/content").body();
    }

    private void marker(long project, String code, double e, double n) {
        var r = api().postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "%s", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(code, e, n));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Table cells and lines as single spaces, as the two extractors lay them out differently. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
