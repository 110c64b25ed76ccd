package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.site.SampleSiteLoader;
import com.goafwatch.support.IntegrationTest;

/**
 * Horizontal displacement from the fiber in the report (PDF via PDFBox, .docx via POI), on the sample site's phase 1:
 * F-C1 (calibration chainage = fiber distance − 28 m, 0 … 1360 m; coupling 0.4, cables.geojson) gets one trace whose
 * ground strain is a triangle, 0 µε at both ends and 200 µε at 680 m. By hand: u(1360 m) = ½ × 1360 m × 200 µε
 * = 136 000 µε·m = 136.0 mm, the largest |u|, reached at the far end.
 */
class FiberDisplacementReportTest extends IntegrationTest {

    private static final double COUPLING = 0.4;

    @Autowired
    SampleSiteLoader loader;

    private long phaseId;
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void triangleOfGroundStrainOnFC1() {
        long projectId = loader.load(Path.of("gis-data/sample-site"));
        phaseId = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(projectId).query(Long.class).single();
        StringBuilder csv = new StringBuilder("timestamp,distance_m,strain_ue,temperature_c\n");
        Instant time = at.minus(2, ChronoUnit.HOURS);
        for (int k = 0; k <= 136; k++) {
            double chainage = 10.0 * k;
            double ground = chainage <= 680 ? 200 * chainage / 680 : 200 * (1360 - chainage) / 680;
            // 15 °C is the cable's baseline temperature: no thermal correction
            csv.append(time).append(',').append(28 + 10 * k).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", ground * COUPLING)).append(",15\n");
        }
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/traces?cable=F-C1", "text/csv", csv.toString().getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
    }

    @Test
    void pdfAndWordStateTheAssumptionsAndTheHandComputedDisplacement() throws Exception {
        var en = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=pdf&language=en&at=" + at, "{}");
        assertThat(en.status()).as(en.toString()).isEqualTo(201);
        try (PDDocument doc = Loader.loadPDF(api().getBytes("/api/v1/reports/" + en.json("$.id") + "/content").body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Horizontal displacement along the cables (from the fiber strain)",
                    "Assumptions: the anchored end does not move (u = 0 there)",
                    "only the component along the cable (axial) is measured",
                    "is not bridged: the curve ends at the gap");
            // cable, anchored end, integrated to, largest |u|, at chainage, u at the end
            assertThat(text).contains("F-C1 0 1360 136.0 1360 +136.0");
        }

        var zh = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=pdf&language=zh&at=" + at, "{}");
        try (PDDocument doc = Loader.loadPDF(api().getBytes("/api/v1/reports/" + zh.json("$.id") + "/content").body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("沿光缆水平位移（由光纤应变推求）", "锚固端不动（该处u=0）", "仅按光缆耦合系数折减", "曲线在缺测处终止",
                    "F-C1013601", "136.01360+136.0");
        }

        var docx = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=docx&language=zh&at=" + at, "{}");
        assertThat(docx.status()).as(docx.toString()).isEqualTo(201);
        try (XWPFDocument wd = new XWPFDocument(new ByteArrayInputStream(
                api().getBytes("/api/v1/reports/" + docx.json("$.id") + "/content").body()));
                var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(wd)) {
            assertThat(extractor.getText()).contains("沿光缆水平位移（由光纤应变推求）", "锚固端不动（该处 u = 0）");
            List<String> row = wd.getTables().stream().flatMap(t -> t.getRows().stream())
                    .map(r -> r.getTableCells().stream().map(XWPFTableCell::getText).toList())
                    .filter(cells -> cells.size() == 6 && cells.get(0).equals("F-C1")).findFirst().orElseThrow();
            assertThat(row).containsExactly("F-C1", "0", "1360", "136.0", "1360", "+136.0");
            assertThat(wd.getTables().stream().map(XWPFTable::getText).anyMatch(s -> s.contains("最大 |u|（mm）"))).isTrue();
        }
    }
}
