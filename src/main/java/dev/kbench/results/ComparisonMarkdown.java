package dev.kbench.results;

import java.util.List;

/**
 * The comparison of one or more workloads as Markdown, for a commit message, a pull request or
 * docs/: with several workloads an overview matrix first, then each workload's table.
 */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    public static String of(List<ReportInput.Workload> workloads) {
        StringBuilder markdown = new StringBuilder();
        OverheadMatrix matrix = OverheadMatrix.of(workloads);
        if (workloads.size() > 1 && !matrix.rows().isEmpty()) {
            markdown.append("# Overview\n\n").append(matrix.markdown()).append('\n');
        }
        for (ReportInput.Workload workload : workloads) {
            List<Comparison.Row> rows = Comparison.of(workload.kernels());
            markdown.append("# ").append(workload.name()).append("\n\n").append(Comparison.markdown(rows)).append('\n')
                    .append(Comparison.legend(rows)).append('\n');
        }
        return markdown.toString().stripTrailing() + "\n";
    }
}
