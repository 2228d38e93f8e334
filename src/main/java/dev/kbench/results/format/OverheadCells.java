package dev.kbench.results.format;

import dev.kbench.results.Overhead;
import java.util.List;
import java.util.Locale;

/** An {@link Overhead} as text: a line of the report's overhead table, or one cell of the overview matrix. */
public final class OverheadCells {

    public static final List<String> HEADER = List.of("kernel", "overhead (round means)", "95% CI of the overhead", "Welch df");

    private OverheadCells() {
    }

    public static List<String> of(Overhead overhead) {
        String ci = overhead.hasInterval() ? String.format(Locale.ROOT, "[%+.2f%%, %+.2f%%]", overhead.ciLow(), overhead.ciHigh())
                : "n/a (needs 2 rounds a side)";
        String df = Double.isNaN(overhead.welchDf()) ? "" : String.format(Locale.ROOT, "%.2f", overhead.welchDf());
        return List.of(overhead.kernel(), String.format(Locale.ROOT, "%+.2f%%", overhead.percent()), ci, df);
    }

    /** A matrix cell: the overhead in percent, starred when its 95% interval excludes 0 (HTML and PNG, where bold may not show). */
    public static String matrixCell(Overhead overhead) {
        return percent(overhead) + (overhead.significant() ? " *" : "");
    }

    /** The overhead in percent, to the precision of the matrix. */
    static String percent(Overhead overhead) {
        return String.format(Locale.ROOT, "%+.1f%%", overhead.percent());
    }
}
