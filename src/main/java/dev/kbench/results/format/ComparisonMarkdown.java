package dev.kbench.results.format;

import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.OverheadMatrix;
import java.util.List;

/**
 * The comparison as Markdown, readable as text and rendered where Markdown is: for a commit
 * message, a pull request or docs/.
 */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    /** One or more workloads: with several an overview matrix first, then each workload's table. */
    public static String of(Analysis analysis) {
        StringBuilder markdown = new StringBuilder();
        OverheadMatrix matrix = OverheadMatrix.of(analysis);
        if (analysis.comparisons().size() > 1 && !matrix.rows().isEmpty()) {
            markdown.append("# Overview\n\n").append(OverheadMatrixMarkdown.of(matrix)).append('\n');
        }
        for (Comparison comparison : analysis.comparisons()) {
            markdown.append("# ").append(comparison.workload()).append("\n\n").append(table(comparison)).append('\n')
                    .append(ComparisonCells.legend(comparison)).append('\n');
        }
        return markdown.toString().stripTrailing() + "\n";
    }

    /** One workload's table. */
    public static String table(Comparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append(line(ComparisonCells.HEADER));
        out.append("|").append(" --- |".repeat(ComparisonCells.HEADER.size())).append('\n');
        ComparisonCells.of(comparison).forEach(cells -> out.append(line(cells)));
        return out.toString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
