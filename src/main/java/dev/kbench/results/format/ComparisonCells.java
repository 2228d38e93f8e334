package dev.kbench.results.format;

import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.Effect;
import dev.kbench.results.KernelTest;
import dev.kbench.results.Measure;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.Numbers;
import dev.kbench.results.Overhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison table as text cells, the one place its columns and number formats are
 * chosen: the console, the Markdown and the HTML page all render these, so a number read off
 * the page matches the one in {@code OUT.comparison.md} to the digit.
 */
public final class ComparisonCells {

    private static final String P_WELCH = "p (Welch, logs)";

    /**
     * stdev and CV are of the round means, the samples the test compares; the runs' CV stands beside them.
     * The p column names Welch's test; {@link #header} names the pooled one where a comparison used it.
     */
    public static final List<String> HEADER = List.of("kernel", "rounds", "runs", "mean", "stdev", "CV", "CV (runs)",
            "95% CI of the mean", "vs baseline", "95% CI vs baseline", P_WELCH, "q", "verdict");

    /** Beside an interval whose test rests on fewer than 4 degrees of freedom. ASCII: the console shows it. */
    public static final String FEW_DF_MARKER = "(df<4)";

    /** The one line that explains {@link #FEW_DF_MARKER} under Welch's test. */
    public static final String FEW_DF_LEGEND = fewDfLegend("Welch's test");

    /** The one line that explains {@link #FEW_DF_MARKER}, naming the test. */
    static String fewDfLegend(String test) {
        return FEW_DF_MARKER + " " + test + " rests on fewer than 4 degrees of freedom: its interval leans on a"
                + " normality that so few round means cannot check; add rounds.";
    }

    private ComparisonCells() {
    }

    /** A line of cells per row; the first row is the baseline. Values as printed, with one decimal. */
    public static List<List<String>> of(Comparison comparison) {
        return of(comparison, MetricUnit.PRINTED);
    }

    /**
     * As {@link #of(Comparison)}, the mean, stdev and CI in {@code unit} scaled to read well at the
     * baseline's mean ({@code 633 ns/op}), thousands grouped; with no known unit, as printed.
     */
    public static List<List<String>> of(Comparison comparison, MetricUnit unit) {
        ValueText value = value(comparison, unit);
        List<List<String>> lines = new ArrayList<>();
        comparison.rows().forEach(row -> lines.add(cells(row, value, comparison.measure())));
        return lines;
    }

    /**
     * The header, the unit of the mean, stdev and CI beside their names when it is known: {@code mean (ns/op)}, or
     * {@code mean (instructions)} for values as printed under icount.
     */
    public static List<String> header(Comparison comparison, MetricUnit unit) {
        List<String> header = new ArrayList<>(HEADER);
        if (comparison.test() == KernelTest.POOLED) {
            header.set(header.indexOf(P_WELCH), "p (pooled, logs)");
        }
        if (comparison.rows().isEmpty() || unit.equals(MetricUnit.PRINTED) && comparison.measure() != Measure.INSTRUCTIONS) {
            return header;
        }
        // values as printed under icount are still instructions, and the unit says so
        String label = " (" + (unit.equals(MetricUnit.PRINTED) ? MetricUnit.INSTRUCTIONS : unit.scale(comparison.rows().get(0).mean()).label()) + ")";
        for (String column : List.of("mean", "stdev", "95% CI of the mean")) {
            header.set(header.indexOf(column), column + label);
        }
        return header;
    }

    /**
     * How the mean, stdev and the mean's CI print: a value alone, and the ends of an interval
     * with the digits its half-width needs (an icount CI is not {@code [385, 385]}).
     */
    private interface ValueText {
        String of(double value);

        String within(double value, double halfWidth);
    }

    private static ValueText value(Comparison comparison, MetricUnit unit) {
        if (unit.equals(MetricUnit.PRINTED) || comparison.rows().isEmpty()) {
            return new ValueText() {
                public String of(double v) {
                    return String.format(Locale.ROOT, "%.1f", v);
                }

                public String within(double v, double halfWidth) {
                    return String.format(Locale.ROOT, "%." + Numbers.decimalsFor(halfWidth, 1) + "f", v);
                }
            };
        }
        MetricUnit.Scale scale = unit.scale(comparison.rows().get(0).mean());
        return new ValueText() {
            public String of(double v) {
                return Numbers.readable(scale.apply(v));
            }

            public String within(double v, double halfWidth) {
                return Numbers.readable(scale.apply(v), Math.abs(scale.apply(halfWidth)));
            }
        };
    }

    private static List<String> cells(Comparison.Row row, ValueText value, Measure measure) {
        double halfWidth = (row.ciHigh() - row.ciLow()) / 2;
        String ci = Double.isNaN(row.ciLow()) ? "n/a (1 round)"
                : "[" + value.within(row.ciLow(), halfWidth) + ", " + value.within(row.ciHigh(), halfWidth) + "]";
        List<String> cells = new ArrayList<>(List.of(row.kernel(), Integer.toString(row.rounds()), Long.toString(row.runs()),
                value.of(row.mean()), value.of(row.stdev()), percent(row.cv()), percent(row.runCv()), ci));
        if (row.effect().isEmpty()) {
            cells.addAll(List.of("baseline", "", "", "", ""));
            return cells;
        }
        Effect effect = row.effect().get();
        cells.addAll(List.of(OverheadCells.percent(effect.overhead(), 2), interval(effect.overhead()),
                probability(effect.overhead().pValue()), probability(effect.qValue()), VerdictWords.of(effect.verdict(), measure)));
        return cells;
    }

    /** The effect's interval, marked when it rests on few degrees of freedom: the marker stands where the interval is read. */
    private static String interval(Overhead overhead) {
        String interval = OverheadCells.interval(overhead);
        return overhead.fewDegreesOfFreedom() ? interval + " " + FEW_DF_MARKER : interval;
    }

    /** A CV in percent; n/a when the mean is 0 (a workload that prints 0). */
    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : Numbers.percentDigits(fraction * 100, 2) + "%";
    }

    /** A p- or q-value: four decimals, or two significant digits in scientific notation below 0.001 (3.2e-05). */
    static String probability(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, p != 0 && p < 1e-3 ? "%.1e" : "%.4f", p);
    }

    /** How to read the table: what was tested, the correction, and what each verdict means. ASCII only: it goes to the console too. */
    public static String legend(Comparison comparison) {
        boolean anyTested = comparison.rows().stream().anyMatch(Comparison.Row::tested);
        if (comparison.rows().size() < 2) {
            return "No comparison: one kernel was measured; give two or more with -k, the first the baseline.\n";
        }
        if (!anyTested) {
            return "No significance test: it needs at least 2 rounds (fresh VMs) per kernel; run more rounds.\n";
        }
        Criteria criteria = comparison.criteria();
        String threshold = CriteriaText.threshold(criteria);
        String correction = switch (criteria.correction()) {
            case NONE -> "q = p: no correction for multiplicity";
            case BH, HOLM -> "q: p adjusted by " + criteria.correction().title() + " over " + comparison.family() + " tested comparison"
                    + (comparison.family() == 1 ? "" : "s");
        };
        String of = comparison.measure() == Measure.INSTRUCTIONS ? " " + VerdictWords.INSTRUCTIONS : "";
        String legend = String.format(Locale.ROOT, "Baseline: %s. Samples: round means, one per fresh VM (stdev, CV and the mean's CI are theirs;"
                + " CV (runs) is over all runs). vs baseline: ratio of the geometric means of round means, its 95%% CI and p from"
                + " %s. %s. Verdict (threshold %s): slower/faster%s = q < %.2f and the CI beyond +/-%s;"
                + " same%s = the CI within +/-%s (two one-sided tests at 2.5%%); inconclusive = neither.",
                comparison.rows().get(0).kernel(), comparison.test().title(), correction, threshold, of, Criteria.ALPHA, threshold, of, threshold);
        if (VerdictWords.anySameButSignificant(comparison)) {
            legend += " " + VerdictWords.sameButSignificantNote(criteria) + ".";
        }
        if (comparison.measure() == Measure.INSTRUCTIONS) {
            legend += " " + VerdictWords.instructionsNote() + ".";
        }
        if (comparison.overheads().stream().anyMatch(Overhead::fewDegreesOfFreedom)) {
            legend += "\n" + (comparison.test() == KernelTest.POOLED ? fewDfLegend("The pooled test") : FEW_DF_LEGEND);
        }
        return legend + "\n";
    }
}
