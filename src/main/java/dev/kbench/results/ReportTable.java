package dev.kbench.results;

import java.util.List;
import java.util.Locale;

/**
 * The cells of the report's tables as text. The comparison has the columns and number formats
 * of {@link Comparison#markdown} (a test holds the two to the same cells), so a number read off
 * the page matches the one in {@code OUT.comparison.md} to the digit.
 */
final class ReportTable {

    static final List<String> COMPARISON_HEADER = List.of("kernel", "rounds", "runs", "mean", "stdev", "CV", "95% CI (round means)",
            "vs baseline", "p (Welch)", "significant");

    static final List<String> OVERHEAD_HEADER = List.of("kernel", "overhead (round means)", "95% CI of the overhead", "Welch df");

    private ReportTable() {
    }

    static List<String> comparisonCells(Comparison.Row row, boolean baseline) {
        String ci = Double.isNaN(row.ciLow()) ? "n/a (1 round)" : String.format(Locale.ROOT, "[%.1f, %.1f]", row.ciLow(), row.ciHigh());
        String delta = baseline ? "baseline" : String.format(Locale.ROOT, "%+.2f%%", row.deltaPercent());
        String p = row.tested() ? String.format(Locale.ROOT, "%.4f", row.pValue()) : baseline ? "" : "n/a";
        String significant = row.tested() ? (row.significant() ? "yes" : "no") : "";
        return List.of(row.kernel(), Integer.toString(row.rounds()), Long.toString(row.runs()),
                String.format(Locale.ROOT, "%.1f", row.mean()), String.format(Locale.ROOT, "%.1f", row.stdev()),
                String.format(Locale.ROOT, "%.2f%%", row.cv() * 100), ci, delta, p, significant);
    }

    static List<String> overheadCells(Overhead overhead) {
        String ci = overhead.hasInterval() ? String.format(Locale.ROOT, "[%+.2f%%, %+.2f%%]", overhead.ciLow(), overhead.ciHigh())
                : "n/a (needs 2 rounds a side)";
        String df = Double.isNaN(overhead.welchDf()) ? "" : String.format(Locale.ROOT, "%.2f", overhead.welchDf());
        return List.of(overhead.kernel(), String.format(Locale.ROOT, "%+.2f%%", overhead.percent()), ci, df);
    }
}
