package dev.kbench.run;

import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.Workload;
import java.io.IOException;
import java.util.Optional;

/**
 * How many operations each built-in workload runs: its default count times a factor. The
 * defaults are sized for TCG's noise; under icount, where a run repeats to within 0.01 %, a
 * tenth of them makes an experiment about six times shorter, but it is not the default: a
 * shorter run moves several workloads' instructions per operation by more than that noise
 * (context-switch -16 %, thread-create +5 %, fork +3 %; docs/measurements.md), because what a
 * run costs besides its operations is spread over fewer of them. A program of the user's takes
 * no argument (lsm-perf's contract) and is never scaled.
 *
 * @param factor the default counts are multiplied by this
 */
public record WorkloadScale(double factor) {

    public static final WorkloadScale ONE = new WorkloadScale(1.0);

    public WorkloadScale {
        if (!(factor > 0 && factor <= 1000)) {
            throw new IllegalArgumentException("a workload scale is a factor above 0 and at most 1000, not " + factor);
        }
    }

    /** A positive factor such as {@code 0.1}, as {@code --scale} and the JMH parameter {@code scale} spell it. */
    public static WorkloadScale parse(String text) {
        try {
            return new WorkloadScale(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a workload scale is a factor such as 0.1, not '" + text + "'");
        }
    }

    /**
     * The operations {@code workload} is told to run, or empty when it runs as it is: a program
     * of the user's, or a factor of 1 (the workload's own default count, with no argument).
     */
    public Optional<Long> operations(Workload workload) throws IOException {
        if (!(workload instanceof Workload.BuiltIn builtIn) || factor == 1.0) {
            return Optional.empty();
        }
        return PrintedUnit.ofBuiltIn(builtIn.name()).map(u -> Math.max(1, Math.round(u.count() * factor)));
    }

    @Override
    public String toString() {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }
}
