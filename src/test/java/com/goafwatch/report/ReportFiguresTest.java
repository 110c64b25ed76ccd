package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.site.SampleSiteLoader;
import com.goafwatch.support.IntegrationTest;

/**
 * The report's figures on the sample site's phase 1 against the real PostGIS and InfluxDB: levelling whose settlement
 * is a plane of position (so contours must exist) and fiber traces on F-L1 with one 2600 µε spike. The PDF (PDFBox)
 * and the Word copy (POI) carry the deformation plan and trend map with their method and the CRS statement; the strain
 * history carries the spike-filtered daily values. Pages are rendered under target/report-pages for a look.
 */
@SuppressWarnings("unchecked")
class ReportFiguresTest extends IntegrationTest {

    private static final Path PAGES = Path.of("target", "report-pages");
    /** EPSG:4548 (the sample site's survey CRS, site.json) as the domain notes name it: CGCS2000, 3° zone, CM 117° E. */
    private static final String CRS_ZH = "坐标系：2000国家大地坐标系（CGCS2000），高斯-克吕格投影3°分带，中央子午线117°E（EPSG:4548）";
    /** gis-data/sample-site/panels.geojson: nine panels, the first 7330, seam 2.6 m, 280 m deep. */
    private static final String PANELS_ZH = "虚线为采空区/条带工作面轮廓，共9个：7330、7332、7334、7336、7338、7340、7342、7344、7346（采厚2.6m，埋深280m）。";
    private static final double COUPLING = 0.4; // F-L1 in gis-data/sample-site/cables.geojson

    @Autowired
    SampleSiteLoader loader;

    private long phaseId;
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void planarSettlementAndASpikyCable() {
        long projectId = loader.load(Path.of("gis-data/sample-site"));
        phaseId = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(projectId).query(Long.class).single();
        List<Map<String, Object>> markers = jdbc.sql("""
                SELECT m.code, ST_X(ST_Transform(m.location, 4548)) AS e, ST_Y(ST_Transform(m.location, 4548)) AS n
                FROM point_sensor m JOIN parcel p ON p.id = m.parcel_id
                WHERE p.phase_id = ? AND m.sensor_type = 'settlement-marker' ORDER BY m.code""").param(phaseId).query().listOfRows();
        StringBuilder lp = new StringBuilder();
        Instant start = at.minus(210, ChronoUnit.DAYS);
        for (int d = 0; d <= 210; d += 3) {
            long ns = start.plus(d, ChronoUnit.DAYS).toEpochMilli() * 1_000_000L;
            for (Map<String, Object> m : markers) {
                double e = ((Number) m.get("e")).doubleValue() - 453_800;
                double n = ((Number) m.get("n")).doubleValue() - 3_924_300;
                double plane = 25 + 0.01 * e + 0.005 * n; // mm, a different final settlement at each marker
                double mm = plane * (0.8 + 0.2 * (1 - Math.exp(-d / 60.0)));
                lp.append(String.format(Locale.ROOT, "settlement,sensor=%s settlement_mm=%.3f %d%n", m.get("code"), mm, ns));
            }
        }
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain", lp.toString().getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        // F-L1 every 6 hours for 6 days at 15 °C (its baseline: no thermal correction): fiber strain 100 + d/100 µε, and
        // once, at 800 m of one trace, 1040 µε, i.e. 2600 µε of ground strain
        StringBuilder csv = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        Instant first = at.minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int k = 0; k < 24; k++) {
            for (int d = 0; d <= 1590; d += 10) {
                double ue = k == 9 && d == 800 ? 1040 : 100 + d / 100.0;
                csv.append(first.plus(6L * k, ChronoUnit.HOURS)).append(',').append(d).append(',').append(ue).append(",15\n");
            }
        }
        r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=F-L1", "text/csv", csv.toString().getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
    }

    @Test
    void deformationMapsStateTheirMethodAndCrsAndTheStrainHistoryDropsTheSpike() throws Exception {
        var json = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=json&language=zh&at=" + at, "{}");
        assertThat(json.status()).as(json.toString()).isEqualTo(201);
        var content = api().get("/api/v1/reports/" + json.json("$.id") + "/content");
        List<Map<String, Object>> cables = content.json("$.monitoring.cables[?(@.code == 'F-L1')]");
        assertThat(cables).hasSize(1);
        List<Number> max = (List<Number>) cables.get(0).get("maxGroundUe");
        List<Number> min = (List<Number>) cables.get(0).get("minGroundUe");
        assertThat(max).as("a value a day over 6 days").hasSizeBetween(6, 7);
        // ground = fiber / coupling: 100 / 0.4 = 250 µε up to (100 + 15.9) / 0.4 ≈ 290 µε; the spike (2600 µε) is reached once only
        assertThat(max).allSatisfy(v -> assertThat(v.doubleValue()).isBetween(100 / COUPLING, 116 / COUPLING));
        assertThat(min).allSatisfy(v -> assertThat(v.doubleValue()).isBetween(100 / COUPLING, 116 / COUPLING));
        assertThat((String) content.json("$.meta.timeZone")).isEqualTo("Asia/Shanghai"); // site.json

        var pdf = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=pdf&language=zh&at=" + at, "{}");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(201);
        byte[] bytes = api().getBytes("/api/v1/reports/" + pdf.json("$.id") + "/content").body();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            String compact = text.replaceAll("\\s+", "");
            assertThat(text).contains("地表变形平面图（沉降等值线）", "地表变形趋势图（沉降速率等值线）");
            assertThat(compact).as("the phase map and both contour maps state the CRS").containsSubsequence(CRS_ZH, CRS_ZH, CRS_ZH);
            assertThat(compact).contains("Delaunay三角网上线性内插绘制", "等值距").doesNotContain("无法绘制等值线");
            // the sample site's nine strip panels (panels.geojson) drawn on the phase map and both contour maps, named under each
            assertThat(compact).as("panel legend and names under the three maps").containsSubsequence(
                    PANELS_ZH, PANELS_ZH, PANELS_ZH);
        }
        render(bytes, "figures-zh");

        var en = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=pdf&language=en&at=" + at, "{}");
        byte[] enBytes = api().getBytes("/api/v1/reports/" + en.json("$.id") + "/content").body();
        try (PDDocument doc = Loader.loadPDF(enBytes)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Surface deformation plan (settlement contours)", "Surface deformation trend map",
                    "Gauss-Krüger projection, 3° zone, central meridian 117°E (EPSG:4548)");
            assertThat(text).contains("Dashed outlines: 9 goaf / strip panels: 7330, 7332, 7334, 7336, 7338, 7340, 7342, 7344, 7346 (seam 2.6 m, depth 280 m).");
        }
        render(enBytes, "figures-en");

        var docx = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=docx&language=zh&at=" + at, "{}");
        assertThat(docx.status()).as(docx.toString()).isEqualTo(201);
        byte[] word = api().getBytes("/api/v1/reports/" + docx.json("$.id") + "/content").body();
        try (var wd = new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(word));
                var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(wd)) {
            String text = extractor.getText().replaceAll("\\s+", "");
            assertThat(text).contains("地表变形平面图（沉降等值线）", "地表变形趋势图（沉降速率等值线）", CRS_ZH);
            assertThat(text).contains(PANELS_ZH);
            assertThat(wd.getAllPictures()).as("map, two contour maps, settlement and strain charts").hasSizeGreaterThanOrEqualTo(5);
        }
    }

    /** Pages as PNG under target/report-pages for a human look (Debian's poppler-utils). */
    private static void render(byte[] pdf, String name) throws Exception {
        Files.createDirectories(PAGES);
        Path file = PAGES.resolve(name + ".pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "80", file.toString(), PAGES.resolve(name).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
