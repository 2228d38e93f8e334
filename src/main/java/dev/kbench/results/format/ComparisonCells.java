package dev.kbench.results.format;

import dev.kbench.results.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison table as text cells, the one place its columns and number formats are
 * chosen: the console, the Markdown and the HTML page all render these, so a number read off
 * the page matches the one in {@code OUT.comparison.md} to the digit.
 */
public final class ComparisonCells {

    public static final List<String> HEADER = List.of("kernel", "rounds", "runs", "mean", "stdev", "CV", "95% CI (round means)",
            "vs baseline", "p (Welch)", "significant");

    private ComparisonCells() {
    }

    /** A line of cells per row; the first row is the baseline. */
    public static List<List<String>> of(List<Comparison.Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            lines.add(cells(rows.get(i), i == 0));
        }
        return lines;
    }

    private static List<String> cells(Comparison.Row row, boolean baseline) {
        String ci = Double.isNaN(row.ciLow()) ? "n/a (1 round)" : String.format(Locale.ROOT, "[%.1f, %.1f]", row.ciLow(), row.ciHigh());
        String delta = baseline ? "baseline" : String.format(Locale.ROOT, "%+.2f%%", row.deltaPercent());
        String p = row.tested() ? String.format(Locale.ROOT, "%.4f", row.pValue()) : baseline ? "" : "n/a";
        String significant = row.tested() ? (row.significant() ? "yes" : "no") : "";
        return List.of(row.kernel(), Integer.toString(row.rounds()), Long.toString(row.runs()),
                String.format(Locale.ROOT, "%.1f", row.mean()), String.format(Locale.ROOT, "%.1f", row.stdev()),
                String.format(Locale.ROOT, "%.2f%%", row.cv() * 100), ci, delta, p, significant);
    }

    /** How to read the table, in one line. */
    public static String legend(List<Comparison.Row> rows) {
        boolean anyTested = rows.stream().anyMatch(Comparison.Row::tested);
        if (!anyTested) {
            return "No significance test: it needs at least 2 rounds (fresh VMs) per kernel; run more rounds.\n";
        }
        return String.format(Locale.ROOT, "Baseline: %s. Significant: Welch's t-test on round means, p < %.2f"
                + " (rounds, not runs, are the independent samples).%n", rows.get(0).kernel(), Comparison.ALPHA);
    }
}
