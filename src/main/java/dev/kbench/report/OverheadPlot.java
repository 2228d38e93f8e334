package dev.kbench.report;

import dev.kbench.results.KernelTest;
import dev.kbench.results.Overhead;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.ui.TextAnchor;
import dev.kbench.results.Numbers;

/**
 * A bar per kernel of its effect against the baseline in percent (the ratio of the geometric
 * means of round means), with its 95% confidence interval as an error bar and the threshold as
 * dashed lines. The interval of a ratio is not symmetric around the estimate, so the error bars
 * are drawn as lines from one end to the other rather than as JFreeChart's mean ± a half-width.
 * Kernel labels longer than a column are wrapped on up to three lines, slanted when there are many.
 */
public final class OverheadPlot {

    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private OverheadPlot() {
    }

    public static Path write(String workload, String baseline, List<Overhead> overheads, KernelTest test, double thresholdPercent, Path png)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double low = -thresholdPercent;
        double high = thresholdPercent;
        for (Overhead overhead : overheads) {
            // a ratio of logs needs positive values: no bar where it is undefined
            data.addValue(Double.isNaN(overhead.percent()) ? null : overhead.percent(), "overhead", overhead.kernel());
            if (!Double.isNaN(overhead.percent())) {
                low = Math.min(low, overhead.hasInterval() ? overhead.ciLow() : overhead.percent());
                high = Math.max(high, overhead.hasInterval() ? overhead.ciHigh() : overhead.percent());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(workload + ": overhead against " + baseline, "kernel",
                "overhead, % of the baseline", data, PlotOrientation.VERTICAL, false, false, false);
        // long kernel names (file labels) make the title long: the how-to-read goes in a smaller line below it
        chart.addSubtitle(new TextTitle("bars: ratio of the geometric means of round means; error bars: 95% CI (" + test.shortTitle() + ");"
                + " dashed: the threshold", SMALL));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // the zero line is the baseline: bars above it are slower (when the workload prints a time)
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Color.BLACK);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
        if (thresholdPercent > 0) {
            plot.addRangeMarker(new ValueMarker(thresholdPercent, Color.GRAY, dashed));
            plot.addRangeMarker(new ValueMarker(-thresholdPercent, Color.GRAY, dashed));
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x4C, 0x72, 0xB0));
        renderer.setMaximumBarWidth(0.15);
        // each bar says its value, to the precision a small difference needs (+0.0040%, not 0.0)
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                Number value = dataset.getValue(row, column);
                return value == null ? null : Numbers.percent(value.doubleValue(), 1);
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        renderer.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER));
        plot.setRenderer(renderer);
        BasicStroke errorBar = new BasicStroke(1.5f);
        for (Overhead overhead : overheads) {
            if (!Double.isNaN(overhead.percent()) && overhead.hasInterval()) {
                plot.addAnnotation(new CategoryLineAnnotation(overhead.kernel(), overhead.ciLow(), overhead.kernel(), overhead.ciHigh(),
                        Color.BLACK, errorBar));
            }
        }
        // annotations do not widen the axis: make room for the intervals and the threshold
        double margin = Math.max(1, (high - low) * 0.12);
        plot.getRangeAxis().setRange(low - margin, high + margin);
        CategoryAxis axis = plot.getDomainAxis();
        if (overheads.size() > 4) {
            // kernel labels of a multi-file report are long: slant them rather than cut them
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        axis.setMaximumCategoryLabelLines(3);
        // fonts a reader can read at the page's width, and twice the pixels for sharpness
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        for (org.jfree.chart.axis.Axis each : List.of(axis, plot.getRangeAxis())) {
            each.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            each.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(png)) {
            ChartUtils.writeScaledChartAsPNG(out, chart, RunPlots.WIDTH, RunPlots.HEIGHT, RunPlots.SCALE, RunPlots.SCALE);
        }
        return png;
    }
}
