package dev.kbench.report;

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
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * A bar per kernel of its overhead against the baseline in percent, with the 95% confidence
 * interval as the error bar. Welch's interval is symmetric around the difference, so
 * JFreeChart's statistical bar (mean ± a half-width) draws it exactly.
 */
public final class OverheadPlot {

    private OverheadPlot() {
    }

    public static Path write(String workload, String baseline, List<Overhead> overheads, Path png) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Overhead overhead : overheads) {
            // no interval (a single round) draws a bar without an error bar
            Double halfWidth = overhead.hasInterval() ? (overhead.ciHigh() - overhead.ciLow()) / 2 : null;
            data.add((Number) overhead.percent(), halfWidth, "overhead", overhead.kernel());
        }
        JFreeChart chart = ChartFactory.createBarChart(workload + ": overhead against " + baseline, "kernel",
                "overhead, % of the baseline", data, PlotOrientation.VERTICAL, false, false, false);
        // long kernel names (file labels) make the title long: the how-to-read goes in a smaller line below it
        chart.addSubtitle(new TextTitle("bars: difference of the means of round means, % of the baseline's;"
                + " error bars: Welch's 95% confidence interval", new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // the zero line is the baseline: bars above it are slower (when the workload prints a time)
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Color.BLACK);
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x4C, 0x72, 0xB0));
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
        renderer.setMaximumBarWidth(0.15);
        plot.setRenderer(renderer);
        CategoryAxis axis = plot.getDomainAxis();
        if (overheads.size() > 4) {
            // kernel labels of a multi-file report are long: slant them rather than cut them
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        axis.setMaximumCategoryLabelLines(3);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
        return png;
    }
}
