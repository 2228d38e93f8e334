package dev.kbench.results.format;

import dev.kbench.results.Criteria;
import dev.kbench.results.Measure;
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
                md.append(' ').append(row.cell(kernel).map(e -> e.verdict().differs() ? "**" + OverheadCells.matrixCell(e, row.measure()) + "**"
                        : OverheadCells.matrixCell(e, row.measure())).orElse("")).append(" |");
            }
            md.append('\n');
        }
        md.append("\nAgainst ").append(matrix.commonBaseline().orElse("each workload's baseline"))
                .append(": ratio of the geometric means of round means, in percent. ").append(legend(matrix)).append('\n');
        return md.toString();
    }

    /**
     * What the verdict words mean, for the Markdown and the HTML page alike: under icount what they
     * are of, and why a significant cell can be {@code same} when the matrix shows one.
     */
    public static String legend(OverheadMatrix matrix) {
        Criteria criteria = matrix.criteria();
        String threshold = CriteriaText.threshold(criteria);
        String of = matrix.measure() == Measure.INSTRUCTIONS ? " " + VerdictWords.INSTRUCTIONS : "";
        String legend = "slower or faster" + of + " (bold): " + CriteriaText.significance(criteria) + " with the 95% CI outside ±" + threshold
                + "; same" + of + ": the 95% CI inside ±" + threshold + "; inconclusive: neither.";
        boolean sameButSignificant = matrix.rows().stream().flatMap(r -> r.cells().values().stream()).anyMatch(VerdictWords::sameButSignificant);
        if (sameButSignificant) {
            legend += " " + VerdictWords.sameButSignificantNote(criteria).replace("+/-", "±") + ".";
        }
        if (matrix.measure() == Measure.INSTRUCTIONS) {
            legend += " " + VerdictWords.instructionsNote() + ".";
        }
        return legend;
    }
}
