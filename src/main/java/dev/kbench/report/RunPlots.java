package dev.kbench.report;

import dev.kbench.results.Comparison;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.Numbers;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The picture of a comparison: per kernel, every measured run as a point, spread sideways at
 * random so that equal values stay visible, and each round's mean as a diamond beside them, since
 * the round means are what the significance test compares. The value axis spans every run, so
 * no run is cut off or pinned to an edge (a box plot drew far outliers as triangles at its top),
 * in the unit scaled to read well ({@code ns/op}). Kernel names too long for their column are
 * lettered, with a legend under the plot. Drawn at twice its size for sharp slides and screens.
 */
public final class RunPlots {

    /** The size the page shows it at; the PNG has {@link #SCALE} times as many pixels each way. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    public static final int SCALE = 2;

    /** Room for the axis title left of the tick labels. */
    private static final int AXIS_TITLE = 36;
    private static final int RIGHT = 20;
    private static final int TOP = 60;
    /** A run's dot, across. */
    private static final int DOT = 6;
    private static final Color RUN = new Color(0x4C, 0x72, 0xB0, 110);
    private static final Color ROUND_MEAN = new Color(0xDD, 0x84, 0x52);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private RunPlots() {
    }

    /** What was drawn: the file, and the value axis's ends in the values as printed (every run lies between them). */
    public record Plotted(Path png, double low, double high) {
    }

    public static Plotted points(String workload, List<KernelRounds> kernels, MetricUnit unit, Path png) throws IOException {
        List<Double> all = new ArrayList<>();
        kernels.forEach(k -> k.rounds().forEach(r -> r.forEach(v -> all.add(v.doubleValue()))));
        double min = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = max > min ? (max - min) * 0.06 : Math.max(1, Math.abs(max) * 0.01);
        double low = min - pad;
        double high = max + pad;
        MetricUnit.Scale scale = unit.scale(kernels.isEmpty() ? 0 : Comparison.roundMeans(kernels.get(0)).length == 0 ? max
                : mean(Comparison.roundMeans(kernels.get(0))));

        BufferedImage image = new BufferedImage(WIDTH * SCALE, HEIGHT * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = PlotCanvas.start(image, SCALE);
        List<Double> ticks = PlotCanvas.ticks(scale.apply(low), scale.apply(high), 6);
        g.setFont(SMALL);
        FontMetrics small = g.getFontMetrics();
        // the plot starts right of the widest tick label, whatever the values' size
        int decimals = ticks.size() < 2 ? 3 : (int) Math.max(0, -Math.floor(Math.log10(ticks.get(1) - ticks.get(0)) + 1e-9));
        int left = AXIS_TITLE + 8 + ticks.stream().mapToInt(t -> small.stringWidth(Numbers.fixed(t, decimals))).max().orElse(40);
        List<String> labels = kernels.stream().map(KernelRounds::kernel).toList();
        int columnWidth = (WIDTH - left - RIGHT) / Math.max(1, kernels.size());
        g.setFont(LABEL);
        List<String> shown = PlotCanvas.fitOrLetter(labels, g.getFontMetrics(), columnWidth - 8);
        List<String> legend = PlotCanvas.legend(labels, shown);
        int bottom = HEIGHT - 50 - 18 * legend.size();
        int plotHeight = bottom - TOP;

        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(workload + ": every run (dots) and round means (diamonds)", left, 28);
        g.setFont(SMALL);
        g.setColor(Color.DARK_GRAY);
        g.drawString("one diamond per round (a fresh VM): the samples the test compares; lower is faster when it is a time", left, 48);

        // value axis: grid lines at round numbers of the shown unit
        g.setFont(SMALL);
        for (double tick : ticks) {
            int y = y(tick / scale.factor(), low, high, bottom, plotHeight);
            g.setColor(new Color(0xE3, 0xE3, 0xE3));
            g.drawLine(left, y, WIDTH - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            String text = Numbers.fixed(tick, decimals);
            g.drawString(text, left - 8 - small.stringWidth(text), y + 5);
        }
        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        PlotCanvas.verticalText(g, scale.label(), AXIS_TITLE - 12, TOP + plotHeight / 2);
        g.drawLine(left, TOP, left, bottom);
        g.drawLine(left, bottom, WIDTH - RIGHT, bottom);

        Random jitter = new Random(1); // the same picture for the same data
        BufferedImage dot = dot();
        for (int k = 0; k < kernels.size(); k++) {
            int centre = left + columnWidth * k + columnWidth / 2;
            int spread = Math.min(60, columnWidth / 4);
            // one drawn dot copied to every run's place in device pixels: a merged experiment's
            // million runs take a fraction of a second where as many filled shapes took seconds
            AffineTransform user = g.getTransform();
            g.setTransform(new AffineTransform());
            for (List<Long> round : kernels.get(k).rounds()) {
                for (long value : round) {
                    double x = centre - spread - 8 + jitter.nextDouble() * spread;
                    g.drawImage(dot, (int) Math.round((x - DOT / 2.0) * SCALE),
                            (int) Math.round((y(value, low, high, bottom, plotHeight) - DOT / 2.0) * SCALE), null);
                }
            }
            g.setTransform(user);
            g.setStroke(new BasicStroke(1.5f));
            for (double mean : Comparison.roundMeans(kernels.get(k))) {
                double x = centre + 12 + jitter.nextDouble() * spread / 2.0;
                double y = y(mean, low, high, bottom, plotHeight);
                Path2D diamond = new Path2D.Double();
                diamond.moveTo(x, y - 6);
                diamond.lineTo(x + 6, y);
                diamond.lineTo(x, y + 6);
                diamond.lineTo(x - 6, y);
                diamond.closePath();
                g.setColor(ROUND_MEAN);
                g.draw(diamond);
            }
            g.setColor(Color.BLACK);
            g.setFont(LABEL);
            FontMetrics label = g.getFontMetrics();
            g.drawString(shown.get(k), centre - label.stringWidth(shown.get(k)) / 2, bottom + 22);
            g.setColor(new Color(0xBB, 0xBB, 0xBB));
            g.draw(new Line2D.Double(centre, bottom, centre, bottom + 5));
        }
        g.setColor(Color.BLACK);
        g.setFont(SMALL);
        for (int i = 0; i < legend.size(); i++) {
            g.drawString(legend.get(i), left, bottom + 44 + 18 * i);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        return new Plotted(png, low, high);
    }

    /** A run's dot at the PNG's resolution, drawn once. */
    private static BufferedImage dot() {
        BufferedImage dot = new BufferedImage(DOT * SCALE, DOT * SCALE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = dot.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(RUN);
        g.fill(new Ellipse2D.Double(0, 0, DOT * SCALE, DOT * SCALE));
        g.dispose();
        return dot;
    }

    private static int y(double value, double low, double high, int bottom, int plotHeight) {
        return (int) Math.round(bottom - (value - low) / (high - low) * plotHeight);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
