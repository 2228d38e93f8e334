package dev.kbench.results;

import dev.kbench.guest.PrintedUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit of a workload's printed integer, as JMH's {@code scoreUnit} carries it: what one
 * value counts ({@code ns}, {@code us CPU}, {@code instructions}, or a user's word) and over how
 * many operations ({@code ns/1500000 ops}), so that a reader can say {@code 633 ns/op}. The text
 * is the one thing that travels through JMH's JSON, so {@link #parse} reads back what
 * {@link #text} wrote.
 *
 * @param base what one value counts
 * @param count the operations one value covers (1: the whole run is the measure)
 */
public record MetricUnit(String base, long count) {

    public static final String NS = "ns";
    public static final String US_CPU = "us CPU";
    public static final String INSTRUCTIONS = "instructions";
    /** What a value of no known unit is: the integer the workload printed. */
    public static final MetricUnit PRINTED = new MetricUnit("printed", 1);

    private static final Pattern PER_OPS = Pattern.compile("(.+)/(\\d+) ops");

    public MetricUnit {
        if (base == null || base.isBlank() || count < 1) {
            throw new IllegalArgumentException("a unit needs a name and a positive count: '" + base + "', " + count);
        }
    }

    /**
     * A built-in workload's declared unit, or {@code given} (a user's {@code --unit}) for a program.
     * Under icount the guest's clocks advance one nanosecond per instruction, so elapsed
     * nanoseconds are instructions; CPU microseconds are then thousands of instructions.
     */
    public static MetricUnit of(Optional<PrintedUnit> declared, String accel, Optional<String> given) {
        if (declared.isEmpty()) {
            return given.filter(u -> !u.isBlank()).map(u -> new MetricUnit(u.strip(), 1)).orElse(PRINTED);
        }
        boolean icount = accel.equals("icount");
        PrintedUnit unit = declared.get();
        return switch (unit.kind()) {
            case NS -> new MetricUnit(icount ? INSTRUCTIONS : NS, unit.count());
            case US_CPU -> new MetricUnit(icount ? "k " + INSTRUCTIONS : US_CPU, unit.count());
        };
    }

    /** As JMH's scoreUnit: {@code ns/1500000 ops}, or the base alone for a whole run. */
    public String text() {
        return count == 1 ? base : base + "/" + count + " ops";
    }

    /**
     * Reads a scoreUnit back; a unit that is not {@code BASE/N ops} is a base of its own. JMH's
     * {@code #} (an aux counter's, what kbench wrote before its workloads had units) says nothing.
     */
    public static MetricUnit parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("#")) {
            return PRINTED;
        }
        Matcher m = PER_OPS.matcher(text.strip());
        return m.matches() ? new MetricUnit(m.group(1), Long.parseLong(m.group(2))) : new MetricUnit(text.strip(), 1);
    }

    /** Whether {@link #scale} can turn values into seconds: nanoseconds or CPU microseconds. */
    public boolean isTime() {
        return base.equals(NS) || base.equals(US_CPU);
    }

    /**
     * How values near {@code typical} read best: per operation, in the time unit that puts them
     * between 1 and 1000 ({@code 412 ns/op}, {@code 1.23 ms/op}); instructions per operation;
     * any other unit as printed.
     */
    public Scale scale(double typical) {
        String perOp = count == 1 ? "" : "/op";
        if (isTime()) {
            double nsPerValue = (base.equals(US_CPU) ? 1000.0 : 1.0) / count;
            String cpu = base.equals(US_CPU) ? " CPU" : "";
            double ns = Math.abs(typical) * nsPerValue;
            String[] names = {"ns", "µs", "ms", "s"};
            int step = 0;
            for (double size = ns; size >= 1000 && step < names.length - 1; size /= 1000) {
                step++;
            }
            return new Scale(nsPerValue / Math.pow(1000, step), names[step] + cpu + perOp);
        }
        if (base.equals("k " + INSTRUCTIONS)) {
            return new Scale(1000.0 / count, INSTRUCTIONS + perOp);
        }
        return new Scale(1.0 / count, base + perOp);
    }

    /** Values multiplied by {@code factor} are in {@code label}: {@code 0.000666 µs/op} per ns of 1,500 ops. */
    public record Scale(double factor, String label) {

        public double apply(double value) {
            return value * factor;
        }

        /** A value in this scale, grouped, with three significant digits or more, and its unit: {@code 1,234 ns/op}. */
        public String format(double value) {
            return Numbers.readable(apply(value)) + " " + label;
        }
    }
}
