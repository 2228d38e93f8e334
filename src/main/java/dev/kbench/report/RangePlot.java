package dev.kbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A workload's cost along a range of commits, as a bisection measured it: each measured commit at
 * its place in the range (0 the good end), its effect against the good end with its 95 % interval
 * where it was measured against that end directly; the threshold around both ends dashed, the
 * commits that did not build grey lines, the first bad commits red ones.
 */
public final class RangePlot {

    /** One commit measured: where it is in the range, its label, and its effect against the good end (low/high NaN: no interval). */
    public record Point(int index, String label, double percent, double low, double high) {
    }

    /** A commit marked on the range: a first bad one (red) or one that could not be tested (grey). */
    public record Mark(int index, String label, boolean firstBad) {
    }

    private RangePlot() {
    }

    public static Path write(String workload, int commits, List<Point> points, List<Mark> marks, double badPercent, double thresholdPercent,
            Path png) throws IOException {
        YIntervalSeries measured = new YIntervalSeries("measured against good (95 % CI)");
        for (Point p : points) {
            boolean interval = !Double.isNaN(p.low());
            measured.add(p.index(), p.percent(), interval ? p.low() : p.percent(), interval ? p.high() : p.percent());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(measured);
        JFreeChart chart = ChartFactory.createScatterPlot(workload + " along the range: effect against the good end", "commit (0: good)",
                "effect against good, %", data, PlotOrientation.VERTICAL, false, false, false);
        chart.addSubtitle(new TextTitle("points: steps, ends and confirmations; bars: 95% CI where measured beside good;"
                + " dashed: good and bad ± the threshold; red: first bad; grey: not testable", new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setSeriesPaint(0, new Color(0x4C, 0x72, 0xB0));
        renderer.setErrorPaint(Color.BLACK);
        plot.setRenderer(renderer);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
        for (double level : List.of(-thresholdPercent, thresholdPercent, badPercent - thresholdPercent, badPercent + thresholdPercent)) {
            plot.addRangeMarker(new ValueMarker(level, Color.GRAY, dashed));
        }
        for (Mark mark : marks) {
            ValueMarker line = new ValueMarker(mark.index(), mark.firstBad() ? new Color(0xC4, 0x4E, 0x52) : Color.GRAY, new BasicStroke(1.5f));
            line.setLabel(mark.label());
            line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            line.setLabelAnchor(mark.firstBad() ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
            line.setLabelTextAnchor(mark.firstBad() ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(line);
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(-0.5, commits + 0.5);
        double low = Math.min(0, badPercent) - thresholdPercent;
        double high = Math.max(0, badPercent) + thresholdPercent;
        for (Point p : points) {
            low = Math.min(low, Double.isNaN(p.low()) ? p.percent() : p.low());
            high = Math.max(high, Double.isNaN(p.high()) ? p.percent() : p.high());
        }
        double margin = Math.max(0.5, (high - low) * 0.1);
        plot.getRangeAxis().setRange(low - margin, high + margin);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        try (OutputStream out = Files.newOutputStream(png)) {
            ChartUtils.writeScaledChartAsPNG(out, chart, RunPlots.WIDTH, RunPlots.HEIGHT, RunPlots.SCALE, RunPlots.SCALE);
        }
        return png;
    }
}
