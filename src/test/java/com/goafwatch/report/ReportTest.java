package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.site.SampleSiteLoader;
import com.goafwatch.support.IntegrationTest;

/**
 * The sample site's phase 1 report against the real PostGIS and InfluxDB: the PDF's extracted text carries
 * the database's numbers and verdicts, Chinese is embedded and extractable, the figures are there; the
 * JSON, XLSX and CSV carry the same content; the stored copy verifies and an altered one does not.
 */
@SuppressWarnings("unchecked")
class ReportTest extends IntegrationTest {

    private static final Path PAGES = Path.of("target", "report-pages");

    @Autowired
    SampleSiteLoader loader;

    private long projectId;
    private long phaseId;
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void sampleSiteWithSevenMonthsOfLevelling() {
        projectId = loader.load(Path.of("gis-data/sample-site"));
        phaseId = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(projectId).query(Long.class).single();
        List<String> markers = jdbc.sql("""
                SELECT m.code FROM point_sensor m JOIN parcel p ON p.id = m.parcel_id
                WHERE p.phase_id = ? AND m.sensor_type = 'settlement-marker' ORDER BY m.code""").param(phaseId).query(String.class).list();
        StringBuilder lp = new StringBuilder();
        Instant start = at.minus(210, ChronoUnit.DAYS);
        for (int d = 0; d <= 210; d += 3) {
            long ns = start.plus(d, ChronoUnit.DAYS).toEpochMilli() * 1_000_000L;
            for (int i = 0; i < markers.size(); i++) {
                double mm = 20 + 6 * (1 - Math.exp(-d / 60.0)) + 0.3 * i; // residual settlement dying away, as after grouting
                lp.append(String.format(Locale.ROOT, "settlement,sensor=%s settlement_mm=%.3f %d%n", markers.get(i), mm, ns));
            }
        }
        var r = api().postBytes("/api/v1/projects/" + projectId + "/ingest/line-protocol?precision=ns", "text/plain", lp.toString().getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        awaitDrained();
    }

    @Test
    void pdfCarriesTheDatabasesNumbersInChineseAndEnglish() throws Exception {
        var acceptance = api().get("/api/v1/phases/" + phaseId + "/acceptance?at=" + at);
        assertThat(acceptance.status()).as(acceptance.toString()).isEqualTo(200);
        List<String> codes = acceptance.json("$.parcels[*].code");
        List<String> verdicts = acceptance.json("$.parcels[*].verdict");
        assertThat(verdicts).contains("does_not_meet"); // the weak core of parcel 7

        var parties = api().putJson("/api/v1/projects/" + projectId + "/report-parties", """
                {"client": "任城区城市建设投资有限公司", "designer": "某勘察设计研究院", "contractor": "某岩土工程有限公司",
                 "monitoringUnit": "某测绘院", "reportNumberPrefix": "RC-YS"}""");
        assertThat(parties.status()).as(parties.toString()).isEqualTo(200);
        assertThat(api().putJson("/api/v1/projects/" + projectId + "/report-parties", "{\"reportNumberPrefix\": \"a b\"}").status())
                .isEqualTo(422);
        long before = jdbc.sql("SELECT count(*) FROM report WHERE phase_id = ?").param(phaseId).query(Long.class).single();
        // one real (cleared, blue) strain alert and three silences of one marker rule on RC-P1-02
        long p2 = jdbc.sql("SELECT id FROM parcel WHERE phase_id = ? AND code = 'RC-P1-02'").param(phaseId).query(Long.class).single();
        java.sql.Timestamp raised = java.sql.Timestamp.from(at.minus(10, ChronoUnit.DAYS));
        java.sql.Timestamp cleared = java.sql.Timestamp.from(at.minus(9, ChronoUnit.DAYS));
        jdbc.sql("""
                INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, state, level, peak_level, value, threshold, unit,
                                   raised_at, updated_at, cleared_at)
                VALUES (?, ?, ?, 'strain-watch', 'fiber_strain', 'threshold', 'cleared', 'blue', 'blue', 1100, 1000, 'ue', ?, ?, ?)""")
                .params(projectId, phaseId, p2, raised, cleared, cleared).update();
        // acknowledged with a comment 2 h after it was raised: a note in the report's language and site time
        long strainAlert = jdbc.sql("SELECT id FROM alert WHERE parcel_id = ? AND rule_name = 'strain-watch'").param(p2).query(Long.class).single();
        java.sql.Timestamp acknowledged = java.sql.Timestamp.from(raised.toInstant().plus(2, ChronoUnit.HOURS));
        jdbc.sql("INSERT INTO alert_event (alert_id, at, kind, actor, comment) VALUES (?, ?, 'acknowledged', 'eng-li', '现场复核，路面无裂缝')")
                .params(strainAlert, acknowledged).update();
        jdbc.sql("UPDATE alert SET acknowledged_at = ?, acknowledged_by = 'eng-li' WHERE id = ?").params(acknowledged, strainAlert).update();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                    INSERT INTO alert (project_id, phase_id, parcel_id, rule_name, metric, kind, state, raised_at, updated_at, cleared_at)
                    VALUES (?, ?, ?, 'marker-silence', 'settlement', 'no_data', 'cleared', ?, ?, ?)""")
                    .params(projectId, phaseId, p2, java.sql.Timestamp.from(at.minus(30 - i * 5, ChronoUnit.DAYS)), cleared,
                            java.sql.Timestamp.from(at.minus(28 - i * 5, ChronoUnit.DAYS))).update();
        }
        var planned = jdbc.sql("SELECT acceptance_planned FROM phase WHERE id = ?").param(phaseId).query(java.sql.Date.class).optional();
        var created = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=pdf&language=zh&at=" + at, "{}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long reportId = ((Number) created.json("$.id")).longValue();
        var download = api().getBytes("/api/v1/reports/" + reportId + "/content");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        byte[] pdf = download.body();
        assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(ReportService.sha256(pdf));
        assertThat((String) created.json("$.sha256")).isEqualTo(ReportService.sha256(pdf));

        double totalMu = jdbc.sql("SELECT sum(area_mu) FROM parcel WHERE phase_id = ?").param(phaseId).query(Double.class).single();
        double grout = jdbc.sql("SELECT sum(grout_take_m3) FROM borehole b JOIN parcel p ON p.id = b.parcel_id WHERE p.phase_id = ?")
                .param(phaseId).query(Double.class).single();
        long parcels = jdbc.sql("SELECT count(*) FROM parcel WHERE phase_id = ?").param(phaseId).query(Long.class).single();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("采空区治理工程验收报告", "第1期", "地块判定", "治理施工统计", "沉降观测成果表", "签字");
            // cover and signatures: report number, planned acceptance, the parties, a seal column
            String day = java.time.LocalDate.ofInstant(at, java.time.ZoneId.of("Asia/Shanghai")).toString().replace("-", "");
            assertThat(text).contains(String.format(Locale.ROOT, "报告编号：RC-YS-1-%s-%02d", day, before + 1));
            assertThat(text).contains("建设单位 任城区城市建设投资有限公司", "设计单位 某勘察设计研究院", "施工单位 某岩土工程有限公司", "监测单位 某测绘院",
                    "负责人签字", "盖章", "专家组组长");
            planned.ifPresent(d -> assertThat(text).contains("计划验收日期 " + d.toLocalDate()));
            assertThat(text).contains(String.format(Locale.ROOT, "%.1f", totalMu));
            assertThat(text).contains(String.format(Locale.ROOT, "%.1f", grout));
            assertThat(text).contains("地块数 " + parcels);
            assertThat(text).as("the weak core, explained in Chinese").contains("单轴抗压强度 8.1 MPa（下限 9.0）");
            // every parcel's row in the verdict table says what the acceptance API says
            ReportText zh = new ReportText("zh");
            for (int i = 0; i < codes.size(); i++) {
                assertThat(text).as(codes.get(i)).containsPattern(codes.get(i) + " [0-9.]+ 监测中 " + zh.get(verdicts.get(i)));
            }
            // the forecast section says what the forecast API says at the same time
            var forecast = api().get("/api/v1/phases/" + phaseId + "/settlement-forecast?at=" + at);
            assertThat(forecast.status()).isEqualTo(200);
            List<Map<String, Object>> fp = forecast.json("$.parcels");
            assertThat(fp).extracting(f -> f.get("status")).contains("forecast");
            for (Map<String, Object> f : fp) {
                if ("forecast".equals(f.get("status"))) {
                    assertThat(text).as(f.toString()).containsPattern(f.get("code") + " 已预测 " + f.get("governingMarker") + " \\S+ "
                            + String.format(Locale.ROOT, "%.1f %.1f ", ((Number) f.get("finalMm")).doubleValue(),
                                    ((Number) f.get("residualMm")).doubleValue()) + "(" + f.get("stableOn") + "|末次观测时已满足)");
                }
            }
            assertThat(text).contains("沉降预测与稳定性判断", "浅冈法", "各地块结论");
            // criteria: attenuation by hole order, every limit with its source, no "0 m³/mu", counts as integers, µε
            assertThat(text).contains("注浆量递减率", "项目设定（无公开规范出处）", "JGJ 8-2016", "倾斜（相邻沉降点）", "曲率（相邻沉降点）");
            assertThat(text).doesNotContain("0.00 m³/亩", " ue", "share", "0.000 alerts");
            assertThat(text).contains("0 条");
            // alert history: the real alert in full, the silences as one row (3 times, from the first to the last)
            assertThat(text).contains("预警（1 条）", "数据中断（无数据）汇总").containsPattern("RC-P1-02 strain-watch 蓝色 1100 µε");
            // (the notes cell wraps: compared without white space)
            assertThat(text.replaceAll("\\s+", "")).contains("已确认·eng-li·" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-ddHH:mm")
                    .withZone(java.time.ZoneId.of("Asia/Shanghai")).format(acknowledged.toInstant()) + "·现场复核，路面无裂缝");
            java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.of("Asia/Shanghai"));
            assertThat(text).contains("RC-P1-02 marker-silence 3 " + minute.format(at.minus(30, ChronoUnit.DAYS)) + " "
                    + minute.format(at.minus(18, ChronoUnit.DAYS)));
            assertThat(text).as("RC-P1-07's weak core: remedial work, not more observation").containsPattern("RC-P1-07 [0-9.]+ 质量检测不满足要求");
            assertNoEnglishOfTheCatalogue(text, "PDF");
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(8);
            int images = 0;
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (var name : res.getFontNames()) {
                    PDFont font = res.getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                }
                for (var name : res.getXObjectNames()) {
                    images += res.getXObject(name) instanceof PDImageXObject ? 1 : 0;
                }
            }
            assertThat(images).as("map, settlement curves, strain charts").isGreaterThanOrEqualTo(3);
        }
        render(pdf, "phase1-zh");

        // the .docx carries the same alert history, as real tables: the alert in full with its note, the silences as one row
        var docx = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=docx&language=zh&at=" + at, "{}");
        assertThat(docx.status()).as(docx.toString()).isEqualTo(201);
        try (var wd = new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(
                api().getBytes("/api/v1/reports/" + docx.json("$.id") + "/content").body()))) {
            java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.of("Asia/Shanghai"));
            var alertTable = wd.getTables().stream().filter(tb -> tb.getRows().size() > 1
                    && tb.getRow(1).getCell(1).getText().equals("strain-watch")).findFirst().orElseThrow();
            assertThat(alertTable.getRows()).as("one real alert").hasSize(2);
            var row = alertTable.getRow(1);
            assertThat(row.getCell(0).getText()).isEqualTo("RC-P1-02");
            assertThat(row.getCell(3).getText()).isEqualTo("1100 µε");
            assertThat(row.getCell(4).getText()).isEqualTo(minute.format(raised.toInstant()));
            assertThat(row.getCell(5).getText()).isEqualTo(minute.format(acknowledged.toInstant()) + " eng-li");
            assertThat(row.getCell(6).getText()).isEqualTo(minute.format(cleared.toInstant()));
            assertThat(row.getCell(7).getText()).contains("现场复核，路面无裂缝");
            var silenceTable = wd.getTables().stream().filter(tb -> tb.getRows().size() > 1
                    && tb.getRow(1).getCell(1).getText().equals("marker-silence")).findFirst().orElseThrow();
            assertThat(silenceTable.getRows()).as("three silences, one row").hasSize(2);
            assertThat(silenceTable.getRow(1).getTableCells()).extracting(c -> c.getText()).containsExactly("RC-P1-02", "marker-silence", "3",
                    minute.format(at.minus(30, ChronoUnit.DAYS)), minute.format(at.minus(18, ChronoUnit.DAYS)));
        }

        var english = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=pdf&language=en&at=" + at, "{}");
        assertThat(english.status()).isEqualTo(201);
        byte[] en = api().getBytes("/api/v1/reports/" + english.json("$.id") + "/content").body();
        try (PDDocument doc = Loader.loadPDF(en)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Goaf remediation acceptance report", "Phase 1", "Verdict per parcel", "does not meet");
        }
        render(en, "phase1-en");

        // a copy verifies; one changed byte does not
        var ok = api().postBytes("/api/v1/reports/verify", "application/pdf", pdf);
        assertThat((Boolean) ok.json("$.matches")).isTrue();
        assertThat((List<Integer>) ok.json("$.reports[*].id")).contains((int) reportId);
        byte[] altered = pdf.clone();
        altered[altered.length / 2] ^= 1;
        assertThat((Boolean) api().postBytes("/api/v1/reports/verify", "application/pdf", altered).json("$.matches")).isFalse();
        assertThatThrownBy(() -> jdbc.sql("UPDATE report SET verdict = 'meets' WHERE id = ?").param(reportId).update())
                .rootCause().hasMessageContaining("never changed");
    }

    @Test
    void jsonXlsxAndCsvCarryTheSameContent() throws Exception {
        var json = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=json&language=en&at=" + at, "{}");
        assertThat(json.status()).isEqualTo(201);
        var content = api().get("/api/v1/reports/" + json.json("$.id") + "/content");
        assertThat(((Number) content.json("$.summary.parcelCount")).intValue())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM parcel WHERE phase_id = ?").param(phaseId).query(Integer.class).single());
        assertThat(((Number) content.json("$.treatment.holes")).intValue()).isEqualTo(99);
        assertThat((List<Object>) content.json("$.qaTests")).hasSize(72);
        assertThat((List<Object>) content.json("$.monitoring.markerSeries[0].days")).hasSizeGreaterThan(50);
        assertThat((String) content.json("$.meta.windowTo")).startsWith(at.toString().substring(0, 16));

        var xlsx = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=xlsx&at=" + at, "{}");
        byte[] book = api().getBytes("/api/v1/reports/" + xlsx.json("$.id") + "/content").body();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(book))) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).contains("verdicts", "boreholes", "qa_tests", "settlement_markers", "alerts");
            assertThat(wb.getSheet("boreholes").getLastRowNum()).isEqualTo(99);
            assertThat(wb.getSheet("qa_tests").getLastRowNum()).isEqualTo(72);
        }
        var csv = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=csv&at=" + at, "{}");
        byte[] zip = api().getBytes("/api/v1/reports/" + csv.json("$.id") + "/content").body();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
                if (e.getName().equals("boreholes.csv")) {
                    assertThat(new String(in.readAllBytes()).lines().count()).isEqualTo(100);
                }
            }
        }
        assertThat(entries).contains("verdicts.csv", "boreholes.csv", "qa_tests.csv", "settlement_daily.csv", "alerts.csv");
        var list = api().get("/api/v1/phases/" + phaseId + "/reports");
        assertThat((List<String>) list.json("$[*].format")).contains("json", "xlsx", "csv");
        assertThat(api().postJson("/api/v1/phases/" + phaseId + "/reports?format=doc", "{}").status()).isEqualTo(400);

        // the editable Word copy, read back with POI: real tables, the same verdicts and forecast, a CJK font on the runs
        var docx = api().postJson("/api/v1/phases/" + phaseId + "/reports?format=docx&language=zh&at=" + at, "{}");
        assertThat(docx.status()).as(docx.toString()).isEqualTo(201);
        var word = api().getBytes("/api/v1/reports/" + docx.json("$.id") + "/content");
        assertThat(word.headers().firstValue("Content-Type")).hasValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        try (var wd = new org.apache.poi.xwpf.usermodel.XWPFDocument(new ByteArrayInputStream(word.body()));
                var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(wd)) {
            String text = extractor.getText();
            assertThat(text).contains("采空区治理工程验收报告", "地块判定", "沉降预测与稳定性判断", "负责人签字", "注浆量递减率");
            assertThat(wd.getTables().size()).isGreaterThanOrEqualTo(10);
            assertThat(wd.getAllPictures()).as("map and charts").hasSizeGreaterThanOrEqualTo(2);
            var verdictTable = wd.getTables().stream().filter(tb -> tb.getRow(0).getCell(0).getText().equals("地块")
                    && tb.getRow(0).getTableCells().size() == 5 && tb.getRow(0).getCell(3).getText().equals("判定")).findFirst().orElseThrow();
            ReportText zh = new ReportText("zh");
            List<String> codes = (List<String>) (List<?>) api().get("/api/v1/phases/" + phaseId + "/acceptance?at=" + at).json("$.parcels[*].code");
            List<String> verdicts = api().get("/api/v1/phases/" + phaseId + "/acceptance?at=" + at).json("$.parcels[*].verdict");
            for (int i = 0; i < codes.size(); i++) {
                assertThat(verdictTable.getRow(i + 1).getCell(0).getText()).isEqualTo(codes.get(i));
                assertThat(verdictTable.getRow(i + 1).getCell(3).getText()).isEqualTo(zh.get(verdicts.get(i)));
            }
            assertNoEnglishOfTheCatalogue(text, "Word copy");
            var run = wd.getParagraphs().get(1).getRuns().get(0);
            assertThat(run.getFontFamily(org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange.eastAsia)).isEqualTo("Noto Sans CJK SC");
        }
        assertThat(api().postJson("/api/v1/phases/999999999/reports", "{}").status()).isEqualTo(404);
    }

    /**
     * None of the catalogue's English words (of three letters or more) in a Chinese report: every English value of the
     * message catalogue, split at its format specifiers and punctuation, is looked for as a whole word. Left out first: the
     * data (the project's and phase's names, the rules' names, which are the user's). A word is allowed when the Chinese value
     * of the same key has it too (standard codes such as "JGJ 8-2016", "GB 51180-2016", units such as "MPa"), and the
     * few codes in ALLOWED_CODES that a Chinese report writes in Latin letters by convention.
     */
    private void assertNoEnglishOfTheCatalogue(String text, String what) {
        String withoutData = text.replace(jdbc.sql("SELECT name FROM project WHERE id = ?").param(projectId).query(String.class).single(), "")
                .replace(jdbc.sql("SELECT name FROM phase WHERE id = ?").param(phaseId).query(String.class).single(), "")
                .replace("strain-watch", "").replace("marker-silence", "");
        int checked = 0;
        for (var e : ReportText.catalogue().entrySet()) {
            for (String word : e.getValue()[1].split("%[-.0-9]*[a-zA-Z]|[()/:,;·]")) {
                String w = word.trim();
                if (w.length() >= 3 && !e.getValue()[0].contains(w) && !ALLOWED_CODES.contains(w)) {
                    checked++;
                    assertThat(java.util.regex.Pattern.compile("(?<![A-Za-z])" + java.util.regex.Pattern.quote(w) + "(?![A-Za-z])")
                            .matcher(withoutData).find()).as("English '%s' (%s) in the Chinese %s", w, e.getKey(), what).isFalse();
                }
            }
        }
        assertThat(checked).as("English words checked").isGreaterThan(250);
        assertThat(withoutData).as("English month names").doesNotContainPattern("\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\b")
                .as("strain unit").doesNotContainPattern("\\due\\b|\\d ue\\b").as("counts with decimals").doesNotContain("0.000 alerts")
                .as("the area unit").doesNotContain("/mu", " mu ");
    }

    /** Latin names a Chinese report keeps by convention: the datum and CRS registry (CGCS2000, EPSG) and Knothe's name. */
    private static final java.util.Set<String> ALLOWED_CODES = java.util.Set.of("CGCS2000", "EPSG", "Knothe");

    /** Pages as PNG under target/report-pages for a human look (Debian's poppler-utils). */
    private static void render(byte[] pdf, String name) throws Exception {
        Files.createDirectories(PAGES);
        Path file = PAGES.resolve(name + ".pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "60", file.toString(), PAGES.resolve(name).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (var files = Files.list(PAGES)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(name + "-") && f.toString().endsWith(".png")).count())
                    .isGreaterThanOrEqualTo(8);
        }
    }

}
