package com.goafwatch.report;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Horizontal displacement u against chainage from the anchored end, one curve per cable (from its last strain profile). */
final class FiberDisplacementChart {

    private FiberDisplacementChart() {
    }

    /** Null when no cable has a curve. */
    static BufferedImage of(List<FiberDisplacementText.CableCurve> curves, ReportText text) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (FiberDisplacementText.CableCurve c : curves) {
            if (c.curve().isEmpty()) {
                continue;
            }
            XYSeries s = new XYSeries(c.code(), false);
            c.curve().points().forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(text.get("fiberDisplacementCurves"), text.get("chainage"),
                text.get("axialDisplacementMm"), data);
        ReportCharts.THEME.apply(chart);
        XYPlot plot = (XYPlot) chart.getPlot();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, ReportCharts.PALETTE[i % ReportCharts.PALETTE.length]);
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
        }
        return IndexedImage.of(chart.createBufferedImage(ReportCharts.WIDTH, ReportCharts.HEIGHT));
    }
}
