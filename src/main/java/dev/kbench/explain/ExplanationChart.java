package dev.kbench.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@link Explanation} as a ranked bar chart in SVG: one bar per function among the {@code top}
 * that differ most, its length the difference in instructions per operation (b's extra cost to
 * the right, in red; what b saves to the left, in blue), then the other functions together, and
 * the unexplained rest of the workload's own difference when there is one. SVG, because it is
 * text: a committed chart diffs as the table does, and any browser shows it.
 */
public final class ExplanationChart {

    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final int LABEL = 330;
    private static final int PLOT = 420;
    private static final int VALUE = 150;
    private static final int TOP = 58;

    private ExplanationChart() {
    }

    private record Bar(String label, double value, String color) {
    }

    public static String svg(Explanation e, int top) {
        List<Bar> bars = new ArrayList<>();
        for (Explanation.Row row : e.top(top)) {
            bars.add(new Bar(row.function(), row.difference(), row.difference() >= 0 ? "#c0392b" : "#2e6da4"));
        }
        int others = e.functions().size() - bars.size();
        if (others > 0) {
            bars.add(new Bar("(" + others + " other functions)", e.restDifference(top), "#999999"));
        }
        if (!Double.isNaN(e.unexplained())) {
            bars.add(new Bar("unexplained", e.unexplained(), "#dddddd"));
        }
        double low = Math.min(0, bars.stream().mapToDouble(Bar::value).min().orElse(0));
        double high = Math.max(0, bars.stream().mapToDouble(Bar::value).max().orElse(0));
        double span = high - low == 0 ? 1 : high - low;
        double zero = LABEL + PLOT * (-low / span);
        int width = LABEL + PLOT + VALUE;
        int height = TOP + bars.size() * (BAR + GAP) + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(text(8, 20, "bold", "start", e.workload() + ": where " + e.b().kernel() + " differs from " + e.a().kernel()));
        svg.append(text(8, 38, "normal", "start", String.format(Locale.ROOT, "guest instructions per operation, %s - %s; all"
                + " functions %+.1f%s", e.b().kernel(), e.a().kernel(), e.functionsDifference(), Double.isNaN(e.printedDifference()) ? ""
                : String.format(Locale.ROOT, ", the workload's own count %+.1f", e.printedDifference()))));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n", zero, TOP - 4, zero,
                height - 26));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * (BAR + GAP);
            double end = LABEL + PLOT * ((bar.value() - low) / span);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", Math.min(zero, end), y,
                    Math.max(0.5, Math.abs(end - zero)), BAR, bar.color()));
            svg.append(text(LABEL - 8, y + 13, "normal", "end", shorten(bar.label())));
            svg.append(text(LABEL + PLOT + 8, y + 13, "normal", "start", String.format(Locale.ROOT, "%+,.1f", bar.value())));
        }
        svg.append(text(8, height - 8, "normal", "start", "red: " + e.b().kernel() + " executes more there; blue: fewer."
                + " Made by kbench explain."));
        return svg.append("</svg>\n").toString();
    }

    private static String shorten(String label) {
        return label.length() <= 48 ? label : label.substring(0, 45) + "...";
    }

    private static String text(int x, int y, String weight, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n", x, y, weight, anchor,
                escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
