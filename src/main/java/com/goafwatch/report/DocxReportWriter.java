package com.goafwatch.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;

import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.CriterionResult;

/**
 * The editable Word copy (Apache POI): the PDF's sections, text and tables as real Word tables, the map and charts as
 * pictures, every run in Noto Sans CJK SC (East Asian and Latin), so a panel can annotate it. Same content, not the
 * same layout: Word lays it out.
 */
final class DocxReportWriter {

    static final String FONT = "Noto Sans CJK SC";

    private DocxReportWriter() {
    }

    static byte[] write(ReportContent c, MapData map) {
        ReportText t = ReportText.of(c.meta());
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var m = c.meta();
            text(doc, t.get("reportNumber") + t.get("colon") + m.reportNumber(), 10, false);
            text(doc, t.get("title"), 22, true);
            text(doc, m.projectName(), 14, true);
            text(doc, t.format("phaseN", m.phase()) + " — " + m.phaseName(), 13, false);
            ReportParties p = m.parties();
            table(doc, null, List.of(new String[] {t.get("project"), m.projectCode()}, new String[] {t.get("status"), t.get("status." + m.phaseStatus())},
                    new String[] {t.get("works"), m.worksStart() + " — " + m.worksEnd()}, new String[] {t.get("testingEnd"), String.valueOf(m.testingEnd())},
                    new String[] {t.get("acceptancePlanned"), String.valueOf(m.acceptancePlanned())}, new String[] {t.get("client"), nz(p.client())},
                    new String[] {t.get("designer"), nz(p.designer())}, new String[] {t.get("contractor"), nz(p.contractor())},
                    new String[] {t.get("monitoringUnit"), nz(p.monitoringUnit())},
                    new String[] {t.get("parcels"), String.valueOf(c.summary().parcelCount())},
                    new String[] {t.get("area"), PdfReportWriter.fmt(c.summary().totalMu(), 1) + " " + t.get("mu")},
                    new String[] {t.get("window"), t.day(m.windowFrom()) + " — " + t.day(m.windowTo())},
                    new String[] {t.get("verdict"), t.get(c.summary().verdict().json())},
                    new String[] {t.get("generated"), t.minute(m.generatedAt()) + " / " + m.generatedBy()}));
            heading(doc, t.get("s1"));
            text(doc, ForecastText.phase(c.conclusions(), t), 10, false);
            heading(doc, t.get("s2"));
            List<String[]> verdicts = new ArrayList<>();
            for (AcceptanceRules.ParcelVerdict v : c.parcels()) {
                verdicts.add(new String[] {v.code(), PdfReportWriter.fmt(v.areaMu(), 2), t.get("status." + v.status()), t.get(v.verdict().json()),
                        PdfReportWriter.failing(v, t)});
            }
            table(doc, new String[] {t.get("parcel"), t.get("area"), t.get("status"), t.get("verdict"), t.get("detail")}, verdicts);
            for (AcceptanceRules.ParcelVerdict v : c.parcels()) {
                text(doc, v.code() + " — " + t.get(v.verdict().json()), 10, true);
                List<String[]> rows = new ArrayList<>();
                for (CriterionResult r : v.criteria()) {
                    rows.add(new String[] {t.get(r.criterion()), t.get(r.verdict().json()), t.quantity(r.value(), r.unit()),
                            r.limit() == null ? "–" : t.quantity(r.limit(), r.unit()), t.detail(r)});
                }
                table(doc, new String[] {t.get("criterion"), t.get("verdict"), t.get("value"), t.get("limit"), t.get("detail")}, rows);
            }
            heading(doc, t.get("s3"));
            picture(doc, MapFigure.draw(map, t), "map.png");
            text(doc, (PanelLayer.caption(map.panels(), t) + " " + map.crs().statement(t)).trim(), 9, false);
            heading(doc, t.get("s4"));
            table(doc, new String[] {t.get("code"), t.get("type"), t.get("order"), t.get("parcel"), t.get("md"), t.get("take"), t.get("date")},
                    c.treatment().holeRows().stream().map(h -> new String[] {h.code(), t.get(h.type()), h.order() == null ? "" : h.order().toString(),
                            h.parcel(), PdfReportWriter.fmt(h.measuredDepthM(), 1), h.groutTakeM3() == null ? "" : PdfReportWriter.fmt(h.groutTakeM3(), 1),
                            h.groutedOn() == null ? "" : h.groutedOn().toString()}).toList());
            heading(doc, t.get("s5"));
            table(doc, new String[] {t.get("code"), t.get("type"), t.get("parcel"), t.get("result"), t.get("detail")}, c.qaTests().stream()
                    .map(q -> new String[] {q.code(), t.get(q.type()), q.parcel(), q.passed() == null ? t.get("unjudged") : q.passed() ? t.get("pass")
                            : t.get("fail"), t.qaReason(q, c.criteria())}).toList());
            heading(doc, t.get("s6"));
            table(doc, new String[] {t.get("marker"), t.get("parcel"), t.get("readings"), t.get("cumulative"), t.get("rate"), t.get("latest")},
                    c.monitoring().markers().stream().map(r -> new String[] {r.code(), r.parcel(), String.valueOf(r.readings()),
                            t.quantity(r.cumulativeMm(), ""), t.quantity(r.rateMmPerDay(), ""), t.quantity(r.latestMm(), "")}).toList());
            if (!c.monitoring().markerSeries().isEmpty()) {
                picture(doc, ReportCharts.settlement(c.monitoring().markerSeries(), c.meta().zone(), t), "settlement.png");
            }
            text(doc, t.get("forecastHeading"), 12, true);
            text(doc, ForecastText.method(c.forecast(), t), 9, false);
            table(doc, ForecastText.parcelHeader(t), ForecastText.parcelRows(c.forecast(), t));
            table(doc, ForecastText.markerHeader(t), ForecastText.markerRows(c.forecast(), t));
            var survey = c.monitoring().survey();
            text(doc, t.get("displacementHeading"), 12, true);
            text(doc, DisplacementText.layout(survey, t), 10, false);
            if (!survey.isEmpty()) {
                table(doc, DisplacementText.layoutHeader(t), DisplacementText.layoutRows(survey, t));
                text(doc, t.get("displacementTable"), 11, true);
                table(doc, DisplacementText.resultHeader(t), DisplacementText.resultRows(survey, t));
                java.awt.image.BufferedImage curves = DisplacementChart.of(survey, t);
                if (curves != null) {
                    picture(doc, curves, "displacement.png");
                }
            }
            var fiberCurves = FiberDisplacementText.curves(c.monitoring().cables());
            text(doc, t.get("fiberDisplacementHeading"), 12, true);
            text(doc, FiberDisplacementText.method(fiberCurves, t), 10, false);
            List<String[]> fiberRows = FiberDisplacementText.rows(fiberCurves, t);
            if (!fiberRows.isEmpty()) {
                table(doc, FiberDisplacementText.header(t), fiberRows);
                java.awt.image.BufferedImage fiberChart = FiberDisplacementChart.of(fiberCurves, t);
                if (fiberChart != null) {
                    picture(doc, fiberChart, "fiber-displacement.png");
                }
            }
            if (!c.monitoring().cables().isEmpty()) {
                picture(doc, ReportCharts.strainHistory(c.monitoring().cables(), c.criteria().maxGroundStrainUe(), c.meta().windowFrom(), c.meta().windowTo(),
                        c.meta().zone(), t), "strain.png");
            }
            for (ContourMapFigure.Kind kind : ContourMapFigure.Kind.values()) {
                ContourMapFigure.Figure f = ContourMapFigure.draw(map, ContourMapFigure.values(c.monitoring().markers(), kind), kind, t);
                text(doc, t.get(kind == ContourMapFigure.Kind.SETTLEMENT ? "deformationPlan" : "trendMap"), 12, true);
                picture(doc, f.image(), kind.name().toLowerCase(java.util.Locale.ROOT) + "-contours.png");
                text(doc, (f.caption() + " " + PanelLayer.caption(map.panels(), t)).trim() + " " + map.crs().statement(t), 9, false);
            }
            heading(doc, t.get("s7"));
            // as in the PDF: real alerts first, in full; the sensors' silences summarised
            text(doc, t.format("realAlerts", AlertHistoryRows.real(c.alerts()).size()), 11, true);
            table(doc, AlertHistoryRows.realHeader(t), AlertHistoryRows.realRows(c.alerts(), t));
            List<String[]> quiet = AlertHistoryRows.silenceRows(c.alerts(), t);
            if (!quiet.isEmpty()) {
                text(doc, t.get("silences"), 11, true);
                table(doc, AlertHistoryRows.silenceHeader(t), quiet);
            }
            heading(doc, t.get("s8"));
            table(doc, new String[] {t.get("criterion"), t.get("limit"), t.get("source")}, CriteriaRows.of(c.criteria(), c.forecast().criterion(), t));
            text(doc, String.format(java.util.Locale.ROOT, t.get("gradientsMethod"),
                    ReportText.number(c.criteria().withDefaults().neighbourDistanceM())), 9, false);
            table(doc, new String[] {t.get("parcel"), t.get("area"), t.get("conclusion")}, c.conclusions().stream().map(pc -> new String[] {
                    pc.parcel(), PdfReportWriter.fmt(pc.areaMu(), 2), ForecastText.conclusion(pc, t)}).toList());
            heading(doc, t.get("s9"));
            table(doc, new String[] {t.get("party"), t.get("unitName"), t.get("signature"), t.get("seal"), t.get("date")}, List.of(
                    new String[] {t.get("client"), nz(p.client()), "", "", ""}, new String[] {t.get("designer"), nz(p.designer()), "", "", ""},
                    new String[] {t.get("contractor"), nz(p.contractor()), "", "", ""},
                    new String[] {t.get("monitoringUnit"), nz(p.monitoringUnit()), "", "", ""}, new String[] {t.get("panelChair"), "", "", "", ""}));
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void heading(XWPFDocument doc, String s) {
        text(doc, s, 14, true);
    }

    private static void text(XWPFDocument doc, String s, int size, boolean bold) {
        XWPFParagraph p = doc.createParagraph();
        run(p.createRun(), s, size, bold);
    }

    private static void run(XWPFRun r, String s, int size, boolean bold) {
        r.setFontFamily(FONT, FontCharRange.ascii);
        r.setFontFamily(FONT, FontCharRange.hAnsi);
        r.setFontFamily(FONT, FontCharRange.eastAsia);
        r.setFontSize(size);
        r.setBold(bold);
        r.setText(s == null ? "" : s);
    }

    /** A real Word table: the header row (if any) in bold, then the rows. */
    private static void table(XWPFDocument doc, String[] header, List<String[]> rows) {
        int cols = header != null ? header.length : rows.isEmpty() ? 1 : rows.get(0).length;
        XWPFTable table = doc.createTable(Math.max(1, rows.size() + (header == null ? 0 : 1)), cols);
        table.setWidth("100%");
        int r = 0;
        if (header != null) {
            fill(table.getRow(r++), header, true);
        }
        for (String[] row : rows) {
            fill(table.getRow(r++), row, false);
        }
        doc.createParagraph();
    }

    private static void fill(XWPFTableRow row, String[] values, boolean bold) {
        for (int i = 0; i < values.length; i++) {
            XWPFParagraph p = row.getCell(i).getParagraphs().get(0);
            run(p.createRun(), values[i], 8, bold);
        }
    }

    private static void picture(XWPFDocument doc, BufferedImage image, String name) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            double width = 450;
            doc.createParagraph().createRun().addPicture(new ByteArrayInputStream(png.toByteArray()), Document.PICTURE_TYPE_PNG, name,
                    Units.toEMU(width), Units.toEMU(width * image.getHeight() / image.getWidth()));
        } catch (IOException | InvalidFormatException e) {
            throw new IllegalStateException("a figure cannot be placed in the Word copy", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
