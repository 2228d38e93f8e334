package dev.kbench.results.format;

import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.OverheadMatrix;
import java.util.Map;
import java.util.List;

/**
 * The comparison as Markdown, readable as text and rendered where Markdown is: for a commit
 * message, a pull request or docs/.
 */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    /** One or more workloads: with several an overview matrix first, then each workload's table, values as printed. */
    public static String of(Analysis analysis) {
        return of(analysis, Map.of());
    }

    /** As {@link #of(Analysis)}, each workload's values in its unit ({@code units} by workload; absent: as printed). */
    public static String of(Analysis analysis, Map<String, MetricUnit> units) {
        StringBuilder markdown = new StringBuilder();
        OverheadMatrix matrix = OverheadMatrix.of(analysis);
        if (analysis.comparisons().size() > 1 && !matrix.rows().isEmpty()) {
            markdown.append("# Overview\n\n").append(OverheadMatrixMarkdown.of(matrix)).append('\n');
        }
        for (Comparison comparison : analysis.comparisons()) {
            markdown.append("# ").append(comparison.workload()).append("\n\n").append(table(comparison, units.getOrDefault(comparison.workload(), MetricUnit.PRINTED))).append('\n')
                    .append(paragraphs(ComparisonCells.legend(comparison))).append('\n');
        }
        return markdown.toString().stripTrailing() + "\n";
    }

    /** The console's legend lines as Markdown paragraphs, so that a line of its own stays one. */
    private static String paragraphs(String lines) {
        return String.join("\n\n", lines.strip().lines().toList()) + "\n";
    }

    /** One workload's table. */
    public static String table(Comparison comparison) {
        return table(comparison, MetricUnit.PRINTED);
    }

    /** One workload's table, its values in {@code unit}. */
    public static String table(Comparison comparison, MetricUnit unit) {
        StringBuilder out = new StringBuilder();
        out.append(line(ComparisonCells.header(comparison, unit)));
        out.append("|").append(" --- |".repeat(ComparisonCells.HEADER.size())).append('\n');
        ComparisonCells.of(comparison, unit).forEach(cells -> out.append(line(cells)));
        return out.toString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
