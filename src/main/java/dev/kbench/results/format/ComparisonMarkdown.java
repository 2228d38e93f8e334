package dev.kbench.results.format;

import dev.kbench.results.Comparison;
import dev.kbench.results.OverheadMatrix;
import dev.kbench.results.WorkloadResults;
import java.util.List;

/**
 * The comparison as Markdown, readable as text and rendered where Markdown is: for a commit
 * message, a pull request or docs/.
 */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    /** One or more workloads: with several an overview matrix first, then each workload's table. */
    public static String of(List<WorkloadResults> workloads) {
        StringBuilder markdown = new StringBuilder();
        OverheadMatrix matrix = OverheadMatrix.of(workloads);
        if (workloads.size() > 1 && !matrix.rows().isEmpty()) {
            markdown.append("# Overview\n\n").append(OverheadMatrixMarkdown.of(matrix)).append('\n');
        }
        for (WorkloadResults workload : workloads) {
            List<Comparison.Row> rows = Comparison.of(workload.kernels());
            markdown.append("# ").append(workload.name()).append("\n\n").append(table(rows)).append('\n')
                    .append(ComparisonCells.legend(rows)).append('\n');
        }
        return markdown.toString().stripTrailing() + "\n";
    }

    /** One workload's table. */
    public static String table(List<Comparison.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(line(ComparisonCells.HEADER));
        out.append("|").append(" --- |".repeat(ComparisonCells.HEADER.size())).append('\n');
        ComparisonCells.of(rows).forEach(cells -> out.append(line(cells)));
        return out.toString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
