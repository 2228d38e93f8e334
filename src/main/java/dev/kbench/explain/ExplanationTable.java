package dev.kbench.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@link Explanation} as a table a person reads: the {@code top} functions whose counts differ
 * most, the rest in one line, the sum over every function, what the workload printed and what
 * that leaves unexplained; aligned text for the terminal, or Markdown.
 */
public final class ExplanationTable {

    private final Explanation explanation;
    private final int top;

    public ExplanationTable(Explanation explanation, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("a table of the functions that differ most lists at least one, not " + top);
        }
        this.explanation = explanation;
        this.top = top;
    }

    /** The line above the table: what is compared, in what unit. */
    public String heading() {
        Explanation e = explanation;
        return String.format(Locale.ROOT, "%s: %s (b) against %s (a), guest instructions per operation (%,d operations a run;"
                + " %d measured runs of %s, %d of %s)", e.workload(), e.b().kernel(), e.a().kernel(), e.a().operations(),
                e.b().samples().size(), e.b().kernel(), e.a().samples().size(), e.a().kernel());
    }

    /** The last line: how much of the workload's own difference the functions account for. */
    public String verdict() {
        Explanation e = explanation;
        if (Double.isNaN(e.printedDifference())) {
            return String.format(Locale.ROOT, "%s: the functions differ by %+.1f instructions per operation; the workload printed time,"
                    + " not instructions (not icount), so nothing checks that sum", e.workload(), e.functionsDifference());
        }
        return String.format(Locale.ROOT, "%s: the functions account for %+.1f of the %+.1f instructions per operation the workload's"
                + " own count differs by; %+.2f (%+.2f %%) is left unexplained", e.workload(), e.functionsDifference(), e.printedDifference(),
                e.unexplained(), e.unexplainedShare() * 100);
    }

    public String text() {
        List<String[]> rows = rows();
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder(heading()).append('\n');
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + widths[0] + "s", row[0]));
            for (int i = 1; i < row.length; i++) {
                line.append("  ").append(String.format("%" + widths[i] + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.append(verdict()).append('\n').toString();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# kbench explain: ").append(heading()).append("\n\n");
        List<String[]> rows = rows();
        out.append("| ").append(String.join(" | ", rows.get(0))).append(" |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (String[] row : rows.subList(1, rows.size())) {
            out.append("| ").append(String.join(" | ", java.util.Arrays.stream(row).map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        return out.append('\n').append(verdict()).append('\n').toString();
    }

    private List<String[]> rows() {
        Explanation e = explanation;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"function", e.a().kernel() + " (a)", e.b().kernel() + " (b)", "b - a", "share"});
        List<Explanation.Row> shown = e.top(top);
        for (Explanation.Row row : shown) {
            rows.add(new String[] {row.function(), number(row.a()), number(row.b()), signed(row.difference()), percent(e.share(row))});
        }
        int others = e.functions().size() - shown.size();
        if (others > 0) {
            double rest = e.restDifference(top);
            rows.add(new String[] {"(" + others + " other functions)", "", "", signed(rest),
                    percent(e.functionsDifference() == 0 ? Double.NaN : rest / e.functionsDifference())});
        }
        rows.add(new String[] {"all functions (the window)", number(e.a().windowPerOp()), number(e.b().windowPerOp()),
                signed(e.functionsDifference()), percent(1)});
        if (!Double.isNaN(e.printedDifference())) {
            rows.add(new String[] {"the workload's own count", number(e.a().printedPerOp()), number(e.b().printedPerOp()),
                    signed(e.printedDifference()), ""});
            rows.add(new String[] {"unexplained (own count - functions)", "", "", signed(e.unexplained()), ""});
        }
        return rows;
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    static String signed(double value) {
        return String.format(Locale.ROOT, "%+,.1f", value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
