package dev.kbench.results.format;

import dev.kbench.results.OverheadMatrix;

/** The overview matrix as a Markdown table, significant cells in bold, with a line saying how to read it. */
public final class OverheadMatrixMarkdown {

    private OverheadMatrixMarkdown() {
    }

    public static String of(OverheadMatrix matrix) {
        boolean oneBaseline = matrix.commonBaseline().isPresent();
        StringBuilder md = new StringBuilder("| workload |");
        if (!oneBaseline) {
            md.append(" baseline |");
        }
        matrix.kernels().forEach(k -> md.append(' ').append(k).append(" |"));
        md.append("\n| --- |").append(oneBaseline ? "" : " --- |").append(" ---: |".repeat(matrix.kernels().size())).append('\n');
        for (OverheadMatrix.Row row : matrix.rows()) {
            md.append("| ").append(row.workload()).append(" |");
            if (!oneBaseline) {
                md.append(' ').append(row.baseline()).append(" |");
            }
            for (String kernel : matrix.kernels()) {
                md.append(' ').append(row.cell(kernel).map(o -> o.significant() ? "**" + OverheadCells.percent(o) + "**"
                        : OverheadCells.percent(o)).orElse("")).append(" |");
            }
            md.append('\n');
        }
        md.append("\nOverhead against ").append(matrix.commonBaseline().orElse("each workload's baseline"))
                .append(" in percent of its mean of round means; **bold**: Welch's 95% confidence interval of the difference excludes 0.\n");
        return md.toString();
    }
}
