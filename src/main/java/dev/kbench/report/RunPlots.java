package dev.kbench.report;

import dev.kbench.results.Comparison;
import dev.kbench.results.KernelRounds;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The picture of a comparison: per kernel, a box plot of every measured run and one of the
 * round means beside it, since the round means are what the significance test compares.
 */
public final class RunPlots {

    private RunPlots() {
    }

    public static Path boxPlot(String workload, List<KernelRounds> kernels, Path png) throws IOException {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (KernelRounds kernel : kernels) {
            List<Long> runs = new ArrayList<>();
            kernel.rounds().forEach(runs::addAll);
            List<Double> roundMeans = new ArrayList<>();
            for (double mean : Comparison.roundMeans(kernel)) {
                roundMeans.add(mean);
            }
            data.add(runs, "all runs", kernel.kernel());
            data.add(roundMeans, "round means", kernel.kernel());
        }
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(workload + ": what the workload printed, per kernel", "kernel",
                "value printed (lower is faster when it is a time)", data, true);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(true);
        renderer.setMaximumBarWidth(0.15);
        CategoryAxis axis = plot.getDomainAxis();
        if (kernels.size() > 4 || kernels.stream().anyMatch(k -> k.kernel().length() > 24)) {
            // multi-file labels (stock @ monday/lsm-perf.json) are long: slant them rather than cut them
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        axis.setMaximumCategoryLabelLines(3);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
        return png;
    }
}
