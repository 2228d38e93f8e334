package dev.kbench.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** What kbench's hand-drawn plots share: a white canvas drawn at a scale, round tick values, labels that fit. */
final class PlotCanvas {

    private PlotCanvas() {
    }

    /** A white, anti-aliased canvas on {@code image} whose coordinates are {@code scale} times smaller than its pixels. */
    static Graphics2D start(BufferedImage image, int scale) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
        return g;
    }

    /** About {@code count} round values (1, 2 or 5 times a power of ten apart) between {@code low} and {@code high}. */
    static List<Double> ticks(double low, double high, int count) {
        List<Double> ticks = new ArrayList<>();
        if (!(high > low)) {
            ticks.add(low);
            return ticks;
        }
        double raw = (high - low) / count;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        for (double t = Math.ceil(low / step) * step; t <= high; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    /**
     * The labels as they are when every one fits {@code width}, else letters (A, B, ...) for the
     * ones that do not, so that a long file label does not run into its neighbours.
     */
    static List<String> fitOrLetter(List<String> labels, FontMetrics metrics, int width) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            shown.add(metrics.stringWidth(labels.get(i)) <= width ? labels.get(i) : letter(i));
        }
        return shown;
    }

    /** {@code A = stock @ monday/lsm-perf.json} for every label that was lettered. */
    static List<String> legend(List<String> labels, List<String> shown) {
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.get(i).equals(shown.get(i))) {
                legend.add(shown.get(i) + " = " + labels.get(i));
            }
        }
        return legend;
    }

    static String letter(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "K" + (index + 1);
    }

    /** Text read bottom to top, centred on ({@code x}, {@code middleY}): an axis title. */
    static void verticalText(Graphics2D g, String text, int x, int middleY) {
        AffineTransform saved = g.getTransform();
        g.translate(x, middleY + g.getFontMetrics().stringWidth(text) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(text, 0, 0);
        g.setTransform(saved);
    }
}
