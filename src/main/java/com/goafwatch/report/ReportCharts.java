package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import com.goafwatch.acceptance.EvidenceGatherer;

/** The report's curves (JFreeChart), drawn with a CJK font so Chinese labels render. */
final class ReportCharts {

    static final int WIDTH = 1500;
    static final int HEIGHT = 650;
    static final StandardChartTheme THEME = theme();

    private ReportCharts() {
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        t.setExtraLargeFont(new Font("Noto Sans CJK SC", Font.BOLD, 30));
        t.setLargeFont(new Font("Noto Sans CJK SC", Font.PLAIN, 24));
        t.setRegularFont(new Font("Noto Sans CJK SC", Font.PLAIN, 20));
        t.setSmallFont(new Font("Noto Sans CJK SC", Font.PLAIN, 18));
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(0xdddddd));
        t.setRangeGridlinePaint(new Color(0xdddddd));
        return t;
    }

    /** Settlement (positive down, drawn downward) of up to eight markers. */
    static BufferedImage settlement(List<EvidenceGatherer.MarkerSeries> markers, ReportText text) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        for (EvidenceGatherer.MarkerSeries m : markers) {
            TimeSeries s = new TimeSeries(m.code());
            for (int i = 0; i < m.days().size(); i++) {
                s.addOrUpdate(new Millisecond(Date.from(m.days().get(i))), m.meanMm().get(i));
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(text.get("settlementCurves"), text.get("date"), text.get("settlementMm"), data);
        THEME.apply(chart);
        ((XYPlot) chart.getPlot()).getRangeAxis().setInverted(true);
        siteDates(chart);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    /** Daily max and min ground strain per cable, with the class I limit either side. */
    static BufferedImage strainHistory(List<ReportContent.CableRow> cables, double limitUe, ReportText text) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        for (ReportContent.CableRow c : cables) {
            if (c.days().isEmpty()) {
                // a cable without data in the window is named as such once, not as two empty lines
                data.addSeries(new TimeSeries(c.code() + text.get("lp") + text.get("noData") + text.get("rp")));
                continue;
            }
            TimeSeries hi = new TimeSeries(c.code() + " " + text.get("seriesMax"));
            TimeSeries lo = new TimeSeries(c.code() + " " + text.get("seriesMin"));
            for (int i = 0; i < c.days().size(); i++) {
                Millisecond t = new Millisecond(Date.from(c.days().get(i)));
                hi.addOrUpdate(t, c.maxGroundUe().get(i));
                lo.addOrUpdate(t, c.minGroundUe().get(i));
            }
            data.addSeries(hi);
            data.addSeries(lo);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(text.get("strainHistories"), text.get("date"), text.get("strainUe"), data);
        THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        limits(plot, limitUe, text);
        siteDates(chart);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    /** Dates as numbers in the site's time (no month names, which would be English in a Chinese report). */
    private static void siteDates(JFreeChart chart) {
        java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("yyyy-MM-dd");
        f.setTimeZone(java.util.TimeZone.getTimeZone("Asia/Shanghai"));
        ((org.jfree.chart.axis.DateAxis) ((XYPlot) chart.getPlot()).getDomainAxis()).setDateFormatOverride(f);
    }

    /** Ground strain along one cable at its last trace, parcels shaded and named. */
    static BufferedImage profile(ReportContent.CableRow cable, double limitUe, ReportText text) {
        XYSeries s = new XYSeries(cable.code(), false);
        cable.profile().forEach(p -> s.add(p[0], p[1]));
        Instant at = cable.profileTime();
        JFreeChart chart = ChartFactory.createXYLineChart(text.get("strainProfile") + " " + cable.code()
                + (at == null ? "" : " (" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of(
                        "Asia/Shanghai")).format(at) + ")"), text.get("chainage"),
                text.get("strainUe"), new XYSeriesCollection(s));
        THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        boolean shade = true;
        for (ReportContent.ParcelSpan span : cable.parcels()) {
            IntervalMarker m = new IntervalMarker(span.fromM(), span.toM());
            m.setPaint(shade ? new Color(53, 80, 107, 30) : new Color(53, 80, 107, 12));
            m.setLabel(span.parcel());
            m.setLabelFont(new Font("Noto Sans CJK SC", Font.PLAIN, 16));
            m.setLabelAnchor(RectangleAnchor.TOP);
            m.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(m);
            shade = !shade;
        }
        limits(plot, limitUe, text);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    /** The limit lines always show: the reader sees the margin left, not only the wiggle of the data. */
    private static void limits(XYPlot plot, double limitUe, ReportText text) {
        var axis = plot.getRangeAxis();
        double lower = Math.min(axis.getLowerBound(), -1.15 * limitUe);
        double upper = Math.max(axis.getUpperBound(), 1.15 * limitUe);
        axis.setRange(lower, upper);
        for (double sign : new double[] {1, -1}) {
            ValueMarker m = new ValueMarker(sign * limitUe, new Color(0xd62728),
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f));
            m.setLabel(text.get("classI") + " " + (sign > 0 ? "+" : "−") + Math.round(limitUe));
            m.setLabelFont(new Font("Noto Sans CJK SC", Font.PLAIN, 16));
            m.setLabelPaint(new Color(0xd62728));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
    }
}
