package dev.kbench.results.format;

import dev.kbench.results.Criteria;
import dev.kbench.results.OverheadMatrix;

/** The overview matrix as a Markdown table, cells that differ in bold, with a line saying how to read it. */
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
                md.append(' ').append(row.cell(kernel).map(e -> e.verdict().differs() ? "**" + OverheadCells.matrixCell(e) + "**"
                        : OverheadCells.matrixCell(e)).orElse("")).append(" |");
            }
            md.append('\n');
        }
        md.append("\nAgainst ").append(matrix.commonBaseline().orElse("each workload's baseline"))
                .append(": ratio of the geometric means of round means, in percent. ").append(legend(matrix.criteria())).append('\n');
        return md.toString();
    }

    /** What the verdict words mean, for the Markdown and the HTML page alike. */
    public static String legend(Criteria criteria) {
        String threshold = CriteriaText.threshold(criteria);
        return "slower or faster (bold): " + CriteriaText.significance(criteria) + " with the 95% CI outside ±" + threshold
                + "; same: the 95% CI inside ±" + threshold + "; inconclusive: neither.";
    }
}
