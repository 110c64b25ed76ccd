package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import com.goafwatch.forecast.ParcelForecast;
import com.goafwatch.forecast.SettlementForecast;

/** The governing markers' forecast curves with their 95 % bands (dashed), drawn downward like the settlement curves, days of the site's zone. */
final class ForecastChart {

    private static final Color[] PALETTE = ReportCharts.PALETTE;

    private ForecastChart() {
    }

    /** Null when no parcel has a forecast curve. */
    static BufferedImage of(List<ParcelForecast> parcels, ZoneId zone, ReportText text) {
        TimeSeriesCollection data = new TimeSeriesCollection(java.util.TimeZone.getTimeZone(zone));
        int n = 0;
        for (ParcelForecast p : parcels) {
            SettlementForecast f = p.markers().stream().filter(m -> m.code().equals(p.governingMarker())).map(ParcelForecast.MarkerForecast::forecast)
                    .findFirst().orElse(null);
            if (f == null || f.projection().isEmpty() || n >= PALETTE.length) {
                continue;
            }
            TimeSeries mid = new TimeSeries(p.governingMarker() + " " + text.get(f.model().json()));
            TimeSeries low = new TimeSeries(p.governingMarker() + " 95%−");
            TimeSeries high = new TimeSeries(p.governingMarker() + " 95%+");
            for (SettlementForecast.ProjectedPoint pt : f.projection()) {
                Day day = new Day(Date.from(pt.day().atStartOfDay(zone).toInstant()), java.util.TimeZone.getTimeZone(zone), java.util.Locale.ROOT);
                mid.addOrUpdate(day, pt.settlementMm());
                if (pt.lowMm() != null) {
                    low.addOrUpdate(day, pt.lowMm());
                    high.addOrUpdate(day, pt.highMm());
                }
            }
            data.addSeries(mid);
            data.addSeries(low);
            data.addSeries(high);
            n++;
        }
        if (n == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(text.get("forecastCurves"), text.get("date"), text.get("settlementMm"), data);
        ReportCharts.THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        plot.getRangeAxis().setInverted(true);
        ReportCharts.frame(chart, zone);
        XYItemRenderer r = plot.getRenderer();
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                r.setSeriesPaint(3 * i + k, PALETTE[i]);
                r.setSeriesStroke(3 * i + k, k == 0 ? new BasicStroke(2f) : dashed);
                if (k > 0) {
                    r.setSeriesVisibleInLegend(3 * i + k, false);
                }
            }
        }
        return IndexedImage.of(chart.createBufferedImage(ReportCharts.WIDTH, ReportCharts.HEIGHT));
    }
}
