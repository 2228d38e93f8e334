package dev.kbench.boot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;

/**
 * The two pictures of a boot experiment, as PNG: a stacked bar per kernel of where its boot
 * time went, and the kernels' time to a ready guest side by side with its standard deviation.
 */
public final class BootPlots {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;

    /** The phases before init that follow one another, each with its legend. */
    private static final Map<String, String> MARKED_BEFORE_INIT = orderedMap(
            "in_monitor", "in monitor (QEMU's start-up, paused)",
            "firmware", "firmware (to the kernel's first marker)",
            "bootstrap", "bootstrap loader",
            "guest", "kernel to init (suite markers)");

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private BootPlots() {
    }

    /**
     * Consecutive segments of a boot, in milliseconds, that add up to the time to init and on to
     * ready. Only the phases the group's boots have are segments: kernels without the suite's
     * markers show one segment up to init, and a group without a phase has no bar for it, not a
     * bar of zero.
     */
    static Map<String, Double> segments(BootSummary.Group group) {
        return segments(group, 1000);
    }

    /** As above, each mean divided by {@code divisor} (1000: microseconds to milliseconds). */
    private static Map<String, Double> segments(BootSummary.Group group, double divisor) {
        Map<String, Double> segments = new LinkedHashMap<>();
        double marked = 0;
        for (Map.Entry<String, String> phase : MARKED_BEFORE_INIT.entrySet()) {
            double mean = group.mean(phase.getKey());
            if (!Double.isNaN(mean)) {
                segments.put(phase.getValue(), mean / divisor);
                marked += mean;
            }
        }
        double toInit = group.mean("to_init");
        if (!Double.isNaN(toInit)) {
            segments.put("rest until init (unmarked)", Math.max(0, toInit - marked) / divisor);
        }
        double initToReady = group.mean("init_to_ready");
        if (!Double.isNaN(initToReady)) {
            segments.put("init to agent ready", initToReady / divisor);
        }
        return segments;
    }

    /** Flat bars on white with light grid lines: JFreeChart's default gradients and grey read poorly. */
    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (plot.getRenderer() instanceof BarRenderer bars) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
        }
    }

    public static Path stackedPhases(List<BootSummary.Group> groups, Path png) throws IOException {
        return stacked(groups, png, "Where the boot time goes (mean per boot)", "milliseconds", 1000);
    }

    /** The same bars for {@link BootSummary#instructions}: where the guest's instructions go, in millions. */
    public static Path stackedInstructions(List<BootSummary.Group> groups, Path png) throws IOException {
        return stacked(groups, png, "Where the boot's guest instructions go (mean per boot)", "million instructions", 1e6);
    }

    private static Path stacked(List<BootSummary.Group> groups, Path png, String title, String axis, double divisor) throws IOException {
        // a segment no kernel has (e.g. the suite's, on unpatched kernels) stays out of the legend
        java.util.Set<String> present = new java.util.LinkedHashSet<>();
        for (BootSummary.Group group : groups) {
            segments(group, divisor).forEach((segment, value) -> {
                if (value > 0) {
                    present.add(segment);
                }
            });
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BootSummary.Group group : groups) {
            segments(group, divisor).forEach((segment, value) -> {
                if (present.contains(segment)) {
                    data.addValue(value, segment, group.label());
                }
            });
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title, "kernel and setting", axis, data, PlotOrientation.HORIZONTAL, true, false, false);
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, Math.max(300, 120 + 70 * groups.size()));
        return png;
    }

    public static Path compareKernels(List<BootSummary.Group> groups, String phase, String title, Path png) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (BootSummary.Group group : groups) {
            var stats = group.phases().get(phase);
            if (stats != null) {
                data.add(stats.getMean() / 1000, (stats.getN() > 1 ? stats.getStandardDeviation() : 0) / 1000, phase, group.label());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title + " (mean, error bar = stdev)", "kernel and setting",
                "milliseconds", data, PlotOrientation.VERTICAL, false, false, false);
        chart.getCategoryPlot().setRenderer(new StatisticalBarRenderer());
        style(chart);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        return png;
    }
}
