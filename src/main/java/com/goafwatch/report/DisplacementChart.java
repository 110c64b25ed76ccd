package com.goafwatch.report;

import java.awt.image.BufferedImage;
import java.util.Date;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import com.goafwatch.survey.DisplacementSeries;

/** Horizontal displacement from the survey baseline against time, one curve per surveyed marker (GB 51180-2016 12.3.8). */
final class DisplacementChart {

    private DisplacementChart() {
    }

    /** Null when no marker has a reading in the window. */
    static BufferedImage of(List<ReportContent.SurveyedMarker> markers, ReportText text) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        for (ReportContent.SurveyedMarker m : markers) {
            if (m.readings().isEmpty()) {
                continue;
            }
            TimeSeries s = new TimeSeries(m.code());
            for (DisplacementSeries.Reading r : m.readings()) {
                s.addOrUpdate(new Millisecond(Date.from(r.time())), r.horizontalMm());
            }
            data.addSeries(s);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(text.get("displacementCurves"), text.get("date"), text.get("horizontalMm"), data);
        ReportCharts.THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        // surveys are few and far apart: every survey a point on its curve
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("yyyy-MM-dd");
        f.setTimeZone(java.util.TimeZone.getTimeZone(text.zone()));
        ((DateAxis) plot.getDomainAxis()).setDateFormatOverride(f);
        return chart.createBufferedImage(ReportCharts.WIDTH, ReportCharts.HEIGHT);
    }
}
