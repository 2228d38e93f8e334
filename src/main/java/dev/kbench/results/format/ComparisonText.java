package dev.kbench.results.format;

import dev.kbench.results.Comparison;
import dev.kbench.results.MetricUnit;
import java.util.ArrayList;
import java.util.List;

/** The comparison table for a terminal: aligned columns, then one line saying how to read it. */
public final class ComparisonText {

    private ComparisonText() {
    }

    public static String of(Comparison comparison) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(ComparisonCells.header(comparison, MetricUnit.PRINTED));
        lines.addAll(ComparisonCells.of(comparison));
        int[] widths = new int[ComparisonCells.HEADER.size()];
        for (List<String> line : lines) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int c = 0; c < line.size(); c++) {
                out.append(c == 0 ? String.format("%-" + widths[c] + "s", line.get(c)) : String.format("  %" + widths[c] + "s", line.get(c)));
            }
            out.append('\n');
        }
        out.append(ComparisonCells.legend(comparison));
        return out.toString();
    }
}
