package dev.kbench.run;

import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How many operations each built-in workload runs: its default count times a factor. The
 * defaults are sized for TCG's noise; under icount a run repeats to within 0.01 %, so by
 * default ({@code auto}) icount runs a tenth of them, which leaves each workload's instructions
 * per operation where they were (docs/measurements.md) and an experiment several times shorter.
 * Not eventfd's: it reports CPU time, which the guest counts in timer ticks, and a tenth of its
 * run would be a tenth as many ticks. A program of the user's takes no argument (lsm-perf's
 * contract) and is never scaled.
 *
 * @param factor the factor the user gave, or empty for {@code auto}
 */
public record WorkloadScale(OptionalDouble factor) {

    public static final WorkloadScale AUTO = new WorkloadScale(OptionalDouble.empty());
    /** The factor {@code auto} applies under icount. */
    public static final double ICOUNT_FACTOR = 0.1;

    public WorkloadScale {
        if (factor.isPresent() && !(factor.getAsDouble() > 0 && factor.getAsDouble() <= 1000)) {
            throw new IllegalArgumentException("a workload scale is a factor above 0 and at most 1000, not " + factor.getAsDouble());
        }
    }

    /** {@code auto} or a positive factor such as {@code 0.1}, as {@code --scale} and the JMH parameter {@code scale} spell it. */
    public static WorkloadScale parse(String text) {
        if (text.strip().equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            return new WorkloadScale(OptionalDouble.of(Double.parseDouble(text.strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a workload scale is 'auto' or a factor such as 0.1, not '" + text + "'");
        }
    }

    /** The factor that applies under {@code accel}. */
    public double factorUnder(Accel accel) {
        return factor.orElse(accel == Accel.ICOUNT ? ICOUNT_FACTOR : 1.0);
    }

    /**
     * The operations {@code workload} is told to run under {@code accel}, or empty when it runs as
     * it is: a program of the user's, or a factor of 1 (the workload's own default count).
     */
    public Optional<Long> operations(Workload workload, Accel accel) throws IOException {
        if (!(workload instanceof Workload.BuiltIn builtIn)) {
            return Optional.empty();
        }
        Optional<PrintedUnit> unit = PrintedUnit.ofBuiltIn(builtIn.name());
        boolean tickCounted = unit.map(u -> u.kind() == PrintedUnit.Kind.US_CPU).orElse(false);
        double f = factor.isEmpty() && tickCounted ? 1.0 : factorUnder(accel);
        return f == 1.0 ? Optional.empty() : unit.map(u -> Math.max(1, Math.round(u.count() * f)));
    }

    @Override
    public String toString() {
        return factor.isEmpty() ? "auto" : String.format(Locale.ROOT, "%s", factor.getAsDouble());
    }
}
