package dev.kbench.results.format;

import dev.kbench.results.Effect;
import dev.kbench.results.Measure;
import dev.kbench.results.Numbers;
import java.util.Locale;
import dev.kbench.results.Overhead;
import java.util.List;

/** An {@link Overhead} as text: a line of the report's overhead table, or one cell of the overview matrix. */
public final class OverheadCells {

    public static final List<String> HEADER = List.of("kernel", "vs baseline (geometric means of round means)", "95% CI", "df (logs)");

    private OverheadCells() {
    }

    public static List<String> of(Overhead overhead) {
        String df = Double.isNaN(overhead.df()) ? "" : String.format(Locale.ROOT, "%.2f", overhead.df());
        return List.of(overhead.kernel(), percent(overhead, 2), interval(overhead), df);
    }

    /** The 95% interval in percent, or why there is none. */
    static String interval(Overhead overhead) {
        if (Double.isNaN(overhead.percent())) {
            return "n/a";
        }
        return overhead.hasInterval() ? "[" + Numbers.percent(overhead.ciLow(), 2) + ", " + Numbers.percent(overhead.ciHigh(), 2) + "]"
                : "n/a (needs 2 rounds a side)";
    }

    /**
     * The estimate with at least {@code minDecimals} decimals and as many more as its first two
     * significant digits need (an icount difference of 0.004 % is not -0.0 %), or why there is
     * none: a ratio of logs needs positive values.
     */
    static String percent(Overhead overhead, int minDecimals) {
        return Double.isNaN(overhead.percent()) ? "n/a (a value <= 0)" : Numbers.percent(overhead.percent(), minDecimals);
    }

    /**
     * A matrix cell: the effect in percent and its verdict in words ({@code +17.6% slower}, {@code +17.6% slower (instructions)}),
     * so no cell needs a legend to be read.
     */
    public static String matrixCell(Effect effect, Measure measure) {
        return percent(effect) + " " + VerdictWords.of(effect.verdict(), measure);
    }

    /** A heat map cell's first line: the effect in percent, to the precision of the matrix; its verdict goes below it. */
    public static String matrixPercent(Effect effect) {
        return percent(effect);
    }

    /** The effect in percent, to the precision of the matrix. */
    static String percent(Effect effect) {
        return percent(effect.overhead(), 1);
    }
}
