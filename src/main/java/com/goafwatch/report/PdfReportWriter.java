package com.goafwatch.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.CriterionResult;
import com.goafwatch.acceptance.QaResult;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The PDF for the panel (OpenPDF): cover, summary, verdicts, map, treatment, QA, monitoring per GB 51180
 * 12.3.8, alerts, criteria and conclusion, signatures. Text is set in an embedded subset of Noto Sans CJK,
 * so Chinese and English render and can be extracted anywhere.
 */
final class PdfReportWriter {

    private static final int MARKERS_PER_CHART = 8;

    private final BaseFont regular;
    private final BaseFont bold;

    PdfReportWriter(String regularFont, String boldFont) {
        try {
            this.regular = BaseFont.createFont(regularFont, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            this.bold = BaseFont.createFont(boldFont, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("the report font cannot be loaded (" + regularFont + "): install fonts-noto-cjk or set "
                    + "goafwatch.report.font-regular / font-bold", e);
        }
    }

    byte[] write(ReportContent c, MapData map) {
        ReportText t = ReportText.of(c.meta());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 56, 56);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        // a figure that does not fit stays in its place on the next page instead of letting the following text (the next
        // section's heading) move up before it
        writer.setStrictImageSequence(true);
        writer.setPageEvent(new Footer(c.meta().projectCode() + " · " + t.format("phaseN", c.meta().phase()), t));
        doc.addTitle(t.get("title") + " — " + c.meta().projectName() + " " + t.format("phaseN", c.meta().phase()));
        doc.addCreator("GoafWatch");
        doc.open();
        cover(doc, c, t);
        doc.newPage();
        summary(doc, c, t);
        verdicts(doc, c, t);
        doc.newPage();
        heading(doc, t.get("s3"));
        image(doc, MapFigure.draw(map, t), 495);
        text(doc, (PanelLayer.caption(map.panels(), t) + " " + map.crs().statement(t)).trim(), 9);
        treatment(doc, c, t);
        qa(doc, c, t);
        doc.newPage();
        monitoring(doc, c, t);
        deformationMaps(doc, c, map, t);
        alerts(doc, c, t);
        conclusion(doc, c, t);
        doc.close();
        return out.toByteArray();
    }

    private void cover(Document doc, ReportContent c, ReportText t) {
        Paragraph number = new Paragraph(t.get("reportNumber") + t.get("colon") + c.meta().reportNumber(), new Font(regular, 10));
        number.setAlignment(Element.ALIGN_RIGHT);
        doc.add(number);
        Paragraph title = new Paragraph(t.get("title"), new Font(bold, 24));
        title.setAlignment(Element.ALIGN_CENTER);
        title.setSpacingBefore(110);
        title.setSpacingAfter(30);
        doc.add(title);
        Paragraph project = new Paragraph(c.meta().projectName(), new Font(bold, 15));
        project.setAlignment(Element.ALIGN_CENTER);
        doc.add(project);
        Paragraph phase = new Paragraph(t.format("phaseN", c.meta().phase()) + " — " + c.meta().phaseName(), new Font(regular, 14));
        phase.setAlignment(Element.ALIGN_CENTER);
        phase.setSpacingAfter(40);
        doc.add(phase);
        PdfPTable facts = new PdfPTable(new float[] {2, 3});
        facts.setWidthPercentage(70);
        row(facts, t.get("project"), c.meta().projectCode());
        row(facts, t.get("status"), t.get("status." + c.meta().phaseStatus()));
        row(facts, t.get("works"), date(c.meta().worksStart()) + " — " + date(c.meta().worksEnd()));
        row(facts, t.get("testingEnd"), date(c.meta().testingEnd()));
        row(facts, t.get("acceptancePlanned"), date(c.meta().acceptancePlanned()));
        ReportParties parties = c.meta().parties();
        row(facts, t.get("client"), blank(parties.client()));
        row(facts, t.get("designer"), blank(parties.designer()));
        row(facts, t.get("contractor"), blank(parties.contractor()));
        row(facts, t.get("monitoringUnit"), blank(parties.monitoringUnit()));
        row(facts, t.get("parcels"), String.valueOf(c.summary().parcelCount()));
        row(facts, t.get("area"), fmt(c.summary().totalMu(), 1) + " " + t.get("mu"));
        row(facts, t.get("window"), t.day(c.meta().windowFrom()) + " — " + t.day(c.meta().windowTo()));
        row(facts, t.get("verdict"), t.get(c.summary().verdict().json()));
        row(facts, t.get("generated"), t.minute(c.meta().generatedAt()) + " / " + c.meta().generatedBy());
        doc.add(facts);
        Paragraph note = new Paragraph(t.get("draft"), new Font(regular, 9));
        note.setSpacingBefore(40);
        note.setAlignment(Element.ALIGN_CENTER);
        doc.add(note);
    }

    private void summary(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s1"));
        PdfPTable table = new PdfPTable(new float[] {3, 2});
        table.setWidthPercentage(60);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        row(table, t.get("parcels"), String.valueOf(c.summary().parcelCount()));
        row(table, t.get("totalMu"), fmt(c.summary().totalMu(), 1));
        row(table, t.get("meetsMu"), fmt(c.summary().meetsMu(), 1));
        c.summary().parcelsByVerdict().forEach((v, n) -> row(table, t.get(v), String.valueOf(n)));
        row(table, t.get("verdict"), t.get(c.summary().verdict().json()));
        doc.add(table);
        text(doc, ForecastText.phase(c.conclusions(), t), 10);
    }

    private void verdicts(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s2"));
        List<String[]> rows = new ArrayList<>();
        for (AcceptanceRules.ParcelVerdict v : c.parcels()) {
            rows.add(new String[] {v.code(), fmt(v.areaMu(), 2), t.get("status." + v.status()), t.get(v.verdict().json()), failing(v, t)});
        }
        table(doc, new String[] {t.get("parcel"), t.get("area") + " (" + t.get("mu") + ")", t.get("status"), t.get("verdict"), t.get("detail")},
                new float[] {2, 2, 2, 2, 6}, rows);
        for (AcceptanceRules.ParcelVerdict v : c.parcels()) {
            Paragraph p = new Paragraph(v.code() + " — " + t.get(v.verdict().json()), new Font(bold, 10));
            p.setSpacingBefore(8);
            doc.add(p);
            List<String[]> criteria = new ArrayList<>();
            for (CriterionResult r : v.criteria()) {
                criteria.add(new String[] {t.get(r.criterion()), t.get(r.verdict().json()), t.quantity(r.value(), r.unit()),
                        r.limit() == null || r.criterion().equals("grout_take") && r.limit() == 0 ? "–" : t.quantity(r.limit(), r.unit()),
                        t.detail(r)});
            }
            table(doc, new String[] {t.get("criterion"), t.get("verdict"), t.get("value"), t.get("limit"), t.get("detail")},
                    new float[] {3, 2, 2.4f, 1.6f, 6}, criteria);
        }
    }

    static String failing(AcceptanceRules.ParcelVerdict v, ReportText t) {
        return String.join(", ", v.criteria().stream().filter(r -> r.verdict() != com.goafwatch.acceptance.Verdict.MEETS)
                .map(r -> t.get(r.criterion()) + ": " + t.get(r.verdict().json())).toList());
    }

    private void treatment(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s4"));
        var tr = c.treatment();
        PdfPTable stats = new PdfPTable(new float[] {3, 2});
        stats.setWidthPercentage(60);
        stats.setHorizontalAlignment(Element.ALIGN_LEFT);
        row(stats, t.get("holes"), tr.holes() + "（" + String.join("，", tr.holesByType().entrySet().stream()
                .map(e -> t.get(e.getKey()) + " " + e.getValue()).toList()) + "）");
        row(stats, t.get("metres"), fmt(tr.metresDrilled(), 1));
        row(stats, t.get("grout"), fmt(tr.groutM3(), 1));
        row(stats, t.get("waste"), fmt(tr.wasteM3(), 1));
        doc.add(stats);
        List<String[]> rows = tr.holeRows().stream().map(h -> new String[] {h.code(), t.get(h.type()), h.order() == null ? "" : h.order().toString(),
                h.parcel(), fmt(h.measuredDepthM(), 1), fmt(h.verticalDepthM(), 1), h.depthToGoafM() == null ? "" : fmt(h.depthToGoafM(), 1),
                h.groutTakeM3() == null ? "" : fmt(h.groutTakeM3(), 1), h.wasteShare() == null ? "" : fmt(h.wasteShare(), 2),
                h.groutedOn() == null ? "" : h.groutedOn().toString()}).toList();
        table(doc, new String[] {t.get("code"), t.get("type"), t.get("order"), t.get("parcel"), t.get("md"), t.get("tvd"), t.get("goaf"),
                t.get("take"), t.get("share"), t.get("date")}, new float[] {2, 2, 1, 2, 1.5f, 1.5f, 1.8f, 1.5f, 1.5f, 2.2f}, rows);
    }

    private void qa(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s5"));
        List<String[]> rows = new ArrayList<>();
        for (QaResult q : c.qaTests()) {
            rows.add(new String[] {q.code(), t.get(q.type()), q.borehole() == null ? "" : q.borehole(), q.parcel(), q.testedOn() == null ? ""
                    : q.testedOn().toString(), q.passed() == null ? t.get("unjudged") : q.passed() ? t.get("pass") : t.get("fail"),
                    t.qaReason(q, c.criteria())});
        }
        table(doc, new String[] {t.get("code"), t.get("type"), t.get("legendHole"), t.get("parcel"), t.get("date"), t.get("result"),
                t.get("detail")}, new float[] {1.6f, 2, 1.4f, 1.6f, 2, 1.4f, 6}, rows);
    }

    private void monitoring(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s6"));
        text(doc, t.get("markersLayout"), 10);
        subheading(doc, t.get("markerTable"));
        List<String[]> rows = c.monitoring().markers().stream().map(m -> new String[] {m.code(), m.parcel(), String.valueOf(m.readings()),
                m.cumulativeMm() == null ? "–" : fmt(m.cumulativeMm(), 2), m.rateMmPerDay() == null ? "–" : fmt(m.rateMmPerDay(), 4),
                m.latestMm() == null ? "–" : fmt(m.latestMm(), 2)}).toList();
        table(doc, new String[] {t.get("marker"), t.get("parcel"), t.get("readings"), t.get("cumulative"), t.get("rate"), t.get("latest")},
                new float[] {2, 2, 1.5f, 2.5f, 2, 2}, rows);
        var series = c.monitoring().markerSeries();
        for (int i = 0; i < series.size(); i += MARKERS_PER_CHART) {
            image(doc, ReportCharts.settlement(series.subList(i, Math.min(series.size(), i + MARKERS_PER_CHART)), c.meta().zone(), t), 495);
        }
        forecast(doc, c, t);
        displacement(doc, c, t);
        if (!c.monitoring().cables().isEmpty()) {
            double limit = c.criteria().maxGroundStrainUe();
            image(doc, ReportCharts.strainHistory(c.monitoring().cables(), limit, c.meta().windowFrom(), c.meta().windowTo(), c.meta().zone(), t), 495);
            for (ReportContent.CableRow cable : c.monitoring().cables()) {
                if (!cable.profile().isEmpty()) {
                    image(doc, ReportCharts.profile(cable, limit, c.meta().zone(), t), 495);
                }
            }
        }
    }

    private void displacement(Document doc, ReportContent c, ReportText t) {
        var survey = c.monitoring().survey();
        subheading(doc, t.get("displacementHeading"));
        text(doc, DisplacementText.layout(survey, t), 10);
        if (!survey.isEmpty()) {
            table(doc, DisplacementText.layoutHeader(t), new float[] {2, 2, 2.5f, 2}, DisplacementText.layoutRows(survey, t));
            subheading(doc, t.get("displacementTable"));
            table(doc, DisplacementText.resultHeader(t), new float[] {1.6f, 2, 1.6f, 1.6f, 2, 2.4f}, DisplacementText.resultRows(survey, t));
            BufferedImage curves = DisplacementChart.of(survey, t);
            if (curves != null) {
                image(doc, curves, 495);
            }
        }
        fiberDisplacement(doc, c, t);
    }

    /** Horizontal displacement along each cable, integrated from its last strain profile. */
    private void fiberDisplacement(Document doc, ReportContent c, ReportText t) {
        var curves = FiberDisplacementText.curves(c.monitoring().cables());
        subheading(doc, t.get("fiberDisplacementHeading"));
        text(doc, FiberDisplacementText.method(curves, t), 10);
        List<String[]> rows = FiberDisplacementText.rows(curves, t);
        if (!rows.isEmpty()) {
            table(doc, FiberDisplacementText.header(t), new float[] {1.6f, 1.8f, 2.4f, 1.8f, 1.8f, 1.8f}, rows);
            BufferedImage chart = FiberDisplacementChart.of(curves, t);
            if (chart != null) {
                image(doc, chart, 495);
            }
        }
    }

    /** GB 51180-2016 12.3.8: the surface deformation plan (settlement contours) and trend map (rate contours). */
    private void deformationMaps(Document doc, ReportContent c, MapData map, ReportText t) {
        for (ContourMapFigure.Kind kind : ContourMapFigure.Kind.values()) {
            ContourMapFigure.Figure f = ContourMapFigure.draw(map, ContourMapFigure.values(c.monitoring().markers(), kind), kind, t);
            doc.newPage(); // a map a page: its heading never left alone at the foot of the one before
            subheading(doc, t.get(kind == ContourMapFigure.Kind.SETTLEMENT ? "deformationPlan" : "trendMap"));
            image(doc, f.image(), 495);
            text(doc, (f.caption() + " " + PanelLayer.caption(map.panels(), t)).trim() + " " + map.crs().statement(t), 9);
        }
    }

    private void forecast(Document doc, ReportContent c, ReportText t) {
        subheading(doc, t.get("forecastHeading"));
        text(doc, ForecastText.method(c.forecast(), t), 9);
        subheading(doc, t.get("forecastParcels"));
        table(doc, ForecastText.parcelHeader(t), new float[] {1.6f, 1.3f, 1.6f, 2.2f, 1.5f, 1.5f, 4.3f}, ForecastText.parcelRows(c.forecast(), t));
        BufferedImage curves = ForecastChart.of(c.forecast().parcels(), c.meta().zone(), t);
        if (curves != null) {
            image(doc, curves, 495);
        }
        subheading(doc, t.get("forecastMarkers"));
        table(doc, ForecastText.markerHeader(t), new float[] {1.3f, 1.6f, 1.1f, 2.1f, 2.5f, 1.4f, 3.5f, 3},
                ForecastText.markerRows(c.forecast(), t));
    }

    private void alerts(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s7"));
        if (c.alerts().isEmpty()) {
            text(doc, t.get("noAlerts"), 10);
            return;
        }
        // real alerts first, in full; the sensors' silences summarised, one row per parcel and rule
        subheading(doc, t.format("realAlerts", AlertHistoryRows.real(c.alerts()).size()));
        table(doc, AlertHistoryRows.realHeader(t), new float[] {2.1f, 2.8f, 1.3f, 1.8f, 2.1f, 2.5f, 2.1f, 3.5f},
                AlertHistoryRows.realRows(c.alerts(), t));
        List<String[]> quiet = AlertHistoryRows.silenceRows(c.alerts(), t);
        if (!quiet.isEmpty()) {
            subheading(doc, t.get("silences"));
            table(doc, AlertHistoryRows.silenceHeader(t), new float[] {2.1f, 4, 1.5f, 2.5f, 2.5f}, quiet);
        }
    }

    private void conclusion(Document doc, ReportContent c, ReportText t) {
        heading(doc, t.get("s8"));
        subheading(doc, t.get("criteriaSet"));
        table(doc, new String[] {t.get("criterion"), t.get("limit"), t.get("source")}, new float[] {3, 4, 4}, CriteriaRows.of(c.criteria(),
                c.forecast().criterion(), t));
        text(doc, String.format(Locale.ROOT, t.get("gradientsMethod"), ReportText.number(c.criteria().withDefaults().neighbourDistanceM())), 9);
        subheading(doc, t.get("conclusion"));
        text(doc, ForecastText.phase(c.conclusions(), t), 11);
        subheading(doc, t.get("parcelConclusions"));
        table(doc, new String[] {t.get("parcel"), t.get("area") + t.get("lp") + t.get("mu") + t.get("rp"), t.get("conclusion")},
                new float[] {1.5f, 1.5f, 9}, c.conclusions().stream().map(pc -> new String[] {pc.parcel(), fmt(pc.areaMu(), 2),
                        ForecastText.conclusion(pc, t)}).toList());
        if (!c.decisions().isEmpty()) {
            subheading(doc, t.get("decisions"));
            table(doc, new String[] {t.get("parcel"), t.get("result"), t.get("generated"), t.get("detail")}, new float[] {2, 2, 3, 6},
                    c.decisions().stream().map(d -> new String[] {String.valueOf(d.get("parcel") == null ? t.get("phase") : d.get("parcel")),
                            String.valueOf(d.get("decision")), d.get("decidedAt") + " " + d.get("decidedBy"), String.valueOf(d.get("comment"))})
                            .toList());
        }
        heading(doc, t.get("s9"));
        signatures(doc, c, t);
    }

    /** One row per party and the panel: unit, representative's signature, seal, date — filled in by hand. */
    private void signatures(Document doc, ReportContent c, ReportText t) {
        ReportParties p = c.meta().parties();
        String[][] parties = {{t.get("client"), p.client()}, {t.get("designer"), p.designer()}, {t.get("contractor"), p.contractor()},
                {t.get("monitoringUnit"), p.monitoringUnit()}, {t.get("panelChair"), null}};
        PdfPTable table = new PdfPTable(new float[] {2.2f, 4, 2.4f, 2.4f, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : new String[] {t.get("party"), t.get("unitName"), t.get("signature"), t.get("seal"), t.get("date")}) {
            PdfPCell cell = cell(h, new Font(bold, 10));
            cell.setGrayFill(0.9f);
            table.addCell(cell);
        }
        for (String[] party : parties) {
            table.addCell(cell(party[0], new Font(bold, 10)));
            table.addCell(cell(party[1] == null ? "" : party[1], new Font(regular, 10)));
            for (int i = 0; i < 3; i++) {
                PdfPCell empty = cell("", new Font(regular, 10));
                empty.setFixedHeight(46);
                table.addCell(empty);
            }
        }
        doc.add(table);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? "________________" : s;
    }

    private void heading(Document doc, String text) {
        Paragraph p = new Paragraph(text, new Font(bold, 14));
        p.setSpacingBefore(14);
        p.setSpacingAfter(8);
        doc.add(p);
    }

    private void subheading(Document doc, String text) {
        Paragraph p = new Paragraph(text, new Font(bold, 11));
        p.setSpacingBefore(8);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    private void text(Document doc, String text, int size) {
        Paragraph p = new Paragraph(text, new Font(regular, size));
        p.setSpacingBefore(6);
        p.setSpacingAfter(6);
        doc.add(p);
    }

    private void row(PdfPTable table, String key, String value) {
        table.addCell(cell(key, new Font(bold, 10)));
        table.addCell(cell(value, new Font(regular, 10)));
    }

    private void table(Document doc, String[] headers, float[] widths, List<String[]> rows) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSpacingBefore(4);
        table.setSpacingAfter(6);
        Font head = new Font(bold, 8);
        Font body = new Font(regular, 8);
        for (String h : headers) {
            PdfPCell cell = cell(h, head);
            cell.setGrayFill(0.9f);
            table.addCell(cell);
        }
        for (String[] r : rows) {
            for (String v : r) {
                table.addCell(cell(v, body));
            }
        }
        doc.add(table);
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setPadding(3);
        return cell;
    }

    private static void image(Document doc, BufferedImage image, float width) {
        try {
            Image img;
            if (image.getColorModel() instanceof java.awt.image.IndexColorModel) {
                img = IndexedImage.pdf(image); // kept 8-bit: a third of the size
            } else {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                img = Image.getInstance(png.toByteArray());
            }
            img.scaleToFit(width, width * image.getHeight() / image.getWidth());
            img.setAlignment(Element.ALIGN_CENTER);
            img.setSpacingAfter(6);
            doc.add(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String date(java.time.LocalDate d) {
        return d == null ? "–" : d.toString();
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Page number and report identity at the foot of every page after the cover. */
    private final class Footer extends PdfPageEventHelper {
        private final String label;
        private final ReportText text;

        Footer(String label, ReportText text) {
            this.label = label;
            this.text = text;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            if (writer.getPageNumber() == 1) {
                return;
            }
            PdfContentByte cb = writer.getDirectContent();
            cb.beginText();
            cb.setFontAndSize(regular, 8);
            cb.showTextAligned(Element.ALIGN_LEFT, label, document.left(), 30, 0);
            cb.showTextAligned(Element.ALIGN_RIGHT, text.format("page", writer.getPageNumber()), document.right(), 30, 0);
            cb.endText();
        }
    }
}
