package org.bertlab.core.align;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bertlab.core.io.OutputFile;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** MRR by layer as a line chart (JFreeChart), one line per direction and centring, written as PNG headless. */
public final class MrrChart {

    public static final int WIDTH = 900;

    public static final int HEIGHT = 560;

    /** Dark, distinguishable colours (JFreeChart's default fourth colour is a yellow that vanishes on white). */
    private static final Color[] SERIES_COLOURS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
        new Color(0x9467BD), new Color(0xFF7F0E), new Color(0x8C564B)};

    private MrrChart() {
    }

    /** Builds the chart of the results (any mix of directions, centred or not). */
    public static JFreeChart chart(final String title, final List<DictionaryMrr.LayerResult> results) {
        final Map<String, XYSeries> series = new LinkedHashMap<>();
        for (final DictionaryMrr.LayerResult r : results) {
            final String key = r.direction().label() + (r.centred() ? ", centred" : "");
            series.computeIfAbsent(key, k -> new XYSeries(k, true, false)).addOrUpdate(r.layer(), r.mrr());
        }
        final XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        final JFreeChart chart = org.jfree.chart.ChartFactory.createXYLineChart(title, "layer (0 = embedding output)",
            "MRR", data, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final NumberAxis x = (NumberAxis)plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        final NumberAxis y = (NumberAxis)plot.getRangeAxis();
        y.setRange(0, 1);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, SERIES_COLOURS[i % SERIES_COLOURS.length]);
        }
        plot.setRenderer(renderer);
        return chart;
    }

    /** Writes the chart as PNG (through {@link OutputFile}: to a temporary sibling first, then moved into place). */
    public static Path write(final Path file, final String title, final List<DictionaryMrr.LayerResult> results)
        throws IOException {
        return write(file, title, results, List.of());
    }

    /**
     * Writes the chart as PNG.
     *
     * @param inputs files the run read, which the chart must not replace
     */
    public static Path write(final Path file, final String title, final List<DictionaryMrr.LayerResult> results,
        final Collection<Path> inputs) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try (OutputFile out = OutputFile.open(file, inputs)) {
            ChartUtils.writeChartAsPNG(out.stream(), chart(title, results), WIDTH, HEIGHT);
            out.commit();
            return out.target();
        }
    }
}
