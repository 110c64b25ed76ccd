package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import com.goafwatch.acceptance.EvidenceGatherer;

/**
 * The report's curves (JFreeChart), drawn with a CJK font so Chinese labels render. Every date is a calendar day of
 * the site's zone (the project's), ticks fall on whole days, and the chart keeps room at its edges so no tick, limit
 * or axis label is cut.
 */
final class ReportCharts {

    static final int WIDTH = 1500;
    static final int HEIGHT = 650;
    static final StandardChartTheme THEME = theme();
    /** Distinct colours (no yellow on white). */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Color NO_DATA = new Color(0xbdbdbd);
    /** Curves closer than this share of the value range everywhere are one line on the page (about 2 px of 480). */
    private static final double COINCIDE_SHARE = 0.004;

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

    /**
     * Settlement (positive down, drawn downward) of up to eight markers, a symbol at each reading. Markers whose curves
     * coincide on the page are drawn once and named together, so no curve hides another unannounced.
     */
    static BufferedImage settlement(List<EvidenceGatherer.MarkerSeries> markers, ZoneId zone, ReportText text) {
        List<List<EvidenceGatherer.MarkerSeries>> groups = coinciding(markers);
        TimeSeriesCollection data = new TimeSeriesCollection(TimeZone.getTimeZone(zone));
        for (List<EvidenceGatherer.MarkerSeries> group : groups) {
            EvidenceGatherer.MarkerSeries m = group.get(0);
            String name = group.size() == 1 ? m.code()
                    : String.join("、", group.stream().map(EvidenceGatherer.MarkerSeries::code).toList()) + text.get("coincide");
            TimeSeries s = new TimeSeries(name);
            for (int i = 0; i < m.days().size(); i++) {
                s.addOrUpdate(day(m.days().get(i), zone), m.meanMm().get(i));
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(text.get("settlementCurves"), text.get("date"), text.get("settlementMm"), data);
        THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        plot.getRangeAxis().setInverted(true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setDefaultShapesVisible(true);
        colours(r, groups.size());
        frame(chart, zone);
        return IndexedImage.of(chart.createBufferedImage(WIDTH, HEIGHT));
    }

    /** Groups of markers whose daily means differ by less than {@link #COINCIDE_SHARE} of the chart's range on every common day. */
    static List<List<EvidenceGatherer.MarkerSeries>> coinciding(List<EvidenceGatherer.MarkerSeries> markers) {
        double min = markers.stream().flatMap(m -> m.meanMm().stream()).mapToDouble(Double::doubleValue).min().orElse(0);
        double max = markers.stream().flatMap(m -> m.meanMm().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        double tolerance = Math.max(max - min, 1e-9) * COINCIDE_SHARE;
        List<List<EvidenceGatherer.MarkerSeries>> groups = new ArrayList<>();
        for (EvidenceGatherer.MarkerSeries m : markers) {
            List<EvidenceGatherer.MarkerSeries> home = groups.stream().filter(g -> sameCurve(g.get(0), m, tolerance)).findFirst().orElse(null);
            if (home == null) {
                groups.add(new ArrayList<>(List.of(m)));
            } else {
                home.add(m);
            }
        }
        return groups;
    }

    private static boolean sameCurve(EvidenceGatherer.MarkerSeries a, EvidenceGatherer.MarkerSeries b, double tolerance) {
        if (!a.days().equals(b.days()) || a.days().isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.meanMm().size(); i++) {
            if (Math.abs(a.meanMm().get(i) - b.meanMm().get(i)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per cable, each day's largest and smallest ground strain reached at least twice (the spike filter of the
     * verdict), with the class I limit either side; cables without such a day are named "no data" in the legend.
     */
    static BufferedImage strainHistory(List<ReportContent.CableRow> cables, double limitUe, Instant from, Instant to, ZoneId zone,
            ReportText text) {
        TimeSeriesCollection data = new TimeSeriesCollection(TimeZone.getTimeZone(zone));
        List<Color> paints = new ArrayList<>();
        int colour = 0;
        for (ReportContent.CableRow c : cables) {
            if (c.days().isEmpty()) {
                // one grey entry saying so, not two empty lines in a colour that suggests a curve
                data.addSeries(new TimeSeries(c.code() + text.get("lp") + text.get("noData") + text.get("rp")));
                paints.add(NO_DATA);
                continue;
            }
            TimeSeries hi = new TimeSeries(c.code() + " " + text.get("seriesMax"));
            TimeSeries lo = new TimeSeries(c.code() + " " + text.get("seriesMin"));
            for (int i = 0; i < c.days().size(); i++) {
                Day d = day(c.days().get(i), zone);
                hi.addOrUpdate(d, c.maxGroundUe().get(i));
                lo.addOrUpdate(d, c.minGroundUe().get(i));
            }
            data.addSeries(hi);
            data.addSeries(lo);
            paints.add(PALETTE[colour % PALETTE.length]);
            paints.add(PALETTE[colour % PALETTE.length].darker());
            colour++;
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(text.get("strainHistories"), text.get("date"), text.get("strainUe"), data);
        THEME.apply(chart);
        chart.addSubtitle(new TextTitle(text.get("strainFiltered"), new Font("Noto Sans CJK SC", Font.PLAIN, 18)));
        XYPlot plot = (XYPlot) chart.getPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < paints.size(); i++) {
            r.setSeriesPaint(i, paints.get(i));
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        limits(plot, limitUe, text);
        frame(chart, zone);
        // the whole window, also when no cable has data (else the axis falls back to 1970)
        ((DateAxis) plot.getDomainAxis()).setRange(Date.from(from), Date.from(to));
        return IndexedImage.of(chart.createBufferedImage(WIDTH, HEIGHT));
    }

    /** Ground strain along one cable at its last trace (time in the site's zone), parcels shaded and named. */
    static BufferedImage profile(ReportContent.CableRow cable, double limitUe, ZoneId zone, ReportText text) {
        XYSeries s = new XYSeries(cable.code(), false);
        cable.profile().forEach(p -> s.add(p[0], p[1]));
        Instant at = cable.profileTime();
        String title = text.get("strainProfile") + " " + cable.code()
                + (at == null ? "" : text.get("lp") + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(at) + text.get("rp"));
        JFreeChart chart = ChartFactory.createXYLineChart(title, text.get("chainage"), text.get("strainUe"), new XYSeriesCollection(s));
        THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        plot.getRenderer().setSeriesPaint(0, PALETTE[0]);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        boolean shade = true;
        for (ReportContent.ParcelSpan span : cable.parcels()) {
            if (span.toM() - span.fromM() < 1) {
                continue; // a cable touching a parcel's corner: no stretch to shade, and its name would sit on its neighbour's
            }
            IntervalMarker m = new IntervalMarker(span.fromM(), span.toM());
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setPaint(shade ? new Color(53, 80, 107, 30) : new Color(53, 80, 107, 12));
            m.setLabel(span.parcel());
            m.setLabelFont(new Font("Noto Sans CJK SC", Font.PLAIN, 16));
            m.setLabelAnchor(RectangleAnchor.TOP);
            m.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            m.setLabelOffset(new RectangleInsets(4, 2, 4, 2));
            plot.addDomainMarker(m);
            shade = !shade;
        }
        limits(plot, limitUe, text);
        chart.setPadding(new RectangleInsets(8, 8, 8, 48));
        return IndexedImage.of(chart.createBufferedImage(WIDTH, HEIGHT));
    }

    /**
     * The limit lines always show: the reader sees the margin left, not only the wiggle of the data. The axis runs a
     * fifth of the span beyond the outermost of data and limits, so a limit's label (above the upper line, below the
     * lower one) and the parcels' names at the top never fall outside the plot.
     */
    private static void limits(XYPlot plot, double limitUe, ReportText text) {
        var axis = plot.getRangeAxis();
        axis.setAutoRange(true);
        double lower = Math.min(axis.getLowerBound(), -limitUe);
        double upper = Math.max(axis.getUpperBound(), limitUe);
        double pad = (upper - lower) * 0.2;
        axis.setRange(lower - pad, upper + pad);
        for (double sign : new double[] {1, -1}) {
            ValueMarker m = new ValueMarker(sign * limitUe, new Color(0xd62728),
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f));
            m.setLabel(text.get("classI") + " " + (sign > 0 ? "+" : "−") + Math.round(limitUe) + " µε");
            m.setLabelFont(new Font("Noto Sans CJK SC", Font.PLAIN, 16));
            m.setLabelPaint(new Color(0xd62728));
            m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            m.setLabelOffset(new RectangleInsets(4, 8, 4, 8));
            m.setLabelAnchor(sign > 0 ? RectangleAnchor.TOP_LEFT : RectangleAnchor.BOTTOM_LEFT);
            m.setLabelTextAnchor(sign > 0 ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m);
        }
    }

    /** A site day as JFreeChart's period, so points sit at the site's midnight. */
    static Day day(Instant instant, ZoneId zone) {
        return new Day(Date.from(instant.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant()), TimeZone.getTimeZone(zone), Locale.ROOT);
    }

    /** Date axis in the site's zone with ticks on whole days only (1, 2, 7, 14 days, 1–12 months) as numbers; room at the right. */
    static void frame(JFreeChart chart, ZoneId zone) {
        DateAxis axis = (DateAxis) ((XYPlot) chart.getPlot()).getDomainAxis();
        TimeZone tz = TimeZone.getTimeZone(zone);
        axis.setTimeZone(tz);
        TickUnits units = new TickUnits();
        for (int days : new int[] {1, 2, 7, 14}) {
            units.add(new DateTickUnit(DateTickUnitType.DAY, days, format("yyyy-MM-dd", tz)));
        }
        for (int months : new int[] {1, 2, 3, 6, 12}) {
            units.add(new DateTickUnit(DateTickUnitType.MONTH, months, format("yyyy-MM-dd", tz)));
        }
        axis.setStandardTickUnits(units);
        axis.setAutoTickUnitSelection(true);
        axis.setDateFormatOverride(format("yyyy-MM-dd", tz));
        // the last tick's date is centred on the plot's right edge: keep half a label of room for it
        chart.setPadding(new RectangleInsets(8, 8, 8, 64));
    }

    private static SimpleDateFormat format(String pattern, TimeZone tz) {
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
        f.setTimeZone(tz);
        return f;
    }

    private static void colours(XYLineAndShapeRenderer r, int series) {
        for (int i = 0; i < series; i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
    }
}
