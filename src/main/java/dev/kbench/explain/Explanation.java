package dev.kbench.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the difference between two kernels on one workload goes: per function, the instructions
 * per operation under each kernel and their difference ({@code b - a}, so a positive difference
 * is what {@code b} costs more), its share of the total difference, and how that total compares
 * with the difference the workload itself printed, an instruction count the plugin does not make.
 *
 * @param workload the workload's name
 * @param a the kernel compared against
 * @param b the kernel explained
 * @param functions every function that ran under either kernel, largest |difference| first
 */
public record Explanation(String workload, KernelProfile a, KernelProfile b, List<Row> functions) {

    /** One function: instructions per operation under each kernel. */
    public record Row(String function, double a, double b) {
        public double difference() {
            return b - a;
        }
    }

    public Explanation {
        functions = List.copyOf(functions);
    }

    public static Explanation of(String workload, KernelProfile a, KernelProfile b) {
        Set<String> names = new TreeSet<>(a.functions());
        names.addAll(b.functions());
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new Row(name, a.perOp(name), b.perOp(name)));
        }
        rows.sort(Comparator.comparingDouble((Row r) -> -Math.abs(r.difference())).thenComparing(Row::function));
        return new Explanation(workload, a, b, rows);
    }

    /** The difference summed over every function: the window's total difference per operation. */
    public double functionsDifference() {
        return functions.stream().mapToDouble(Row::difference).sum();
    }

    /** The difference of what the workload printed, per operation; NaN when it printed no instruction counts. */
    public double printedDifference() {
        return b.printedPerOp() - a.printedPerOp();
    }

    /** The printed difference the functions do not account for, per operation (NaN without a printed count). */
    public double unexplained() {
        return printedDifference() - functionsDifference();
    }

    /** {@link #unexplained} as a share of the printed difference (NaN without one, or when it is 0). */
    public double unexplainedShare() {
        double printed = printedDifference();
        return printed == 0 ? Double.NaN : unexplained() / printed;
    }

    /** A function's share of the total difference of all functions. */
    public double share(Row row) {
        double total = functionsDifference();
        return total == 0 ? Double.NaN : row.difference() / total;
    }

    /** The first {@code n} rows, whose difference is not zero. */
    public List<Row> top(int n) {
        return functions.stream().filter(r -> r.difference() != 0).limit(n).toList();
    }

    /** What the rows past the first {@code n} add up to. */
    public double restDifference(int n) {
        return functionsDifference() - top(n).stream().mapToDouble(Row::difference).sum();
    }
}
