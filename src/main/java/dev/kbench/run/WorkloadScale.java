package dev.kbench.run;

import dev.kbench.guest.IcountCount;
import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How many operations each built-in workload runs. The default counts are sized for TCG's (and
 * KVM's) noise. {@code auto}, the default, follows the accelerator: the default counts under TCG
 * and KVM; under icount, where a run repeats to within 0.01 %, each workload's own count
 * ({@link IcountCount}), cut only as far as its instructions per operation stay within 0.1 % of
 * the default count's (or its own run-to-run noise, when larger). One factor for all would not
 * do: a run's fixed cost (its first page faults, the partner processes it sets up, the ticks in
 * it) is a different share of each workload's, and a tenth of every count moved seven
 * workloads' cost per operation by 1.7-16 % (docs/measurements.md). A factor the user gives
 * scales every default count alike, under any accelerator. A program of the user's takes no
 * argument (lsm-perf's contract) and is never scaled.
 *
 * @param factor the default counts are multiplied by this, or empty for {@code auto}
 */
public record WorkloadScale(OptionalDouble factor) {

    public static final WorkloadScale AUTO = new WorkloadScale(OptionalDouble.empty());
    public static final WorkloadScale ONE = new WorkloadScale(1.0);

    public WorkloadScale {
        if (factor.isPresent() && !(factor.getAsDouble() > 0 && factor.getAsDouble() <= 1000)) {
            throw new IllegalArgumentException("a workload scale is a factor above 0 and at most 1000, not " + factor.getAsDouble());
        }
    }

    public WorkloadScale(double factor) {
        this(OptionalDouble.of(factor));
    }

    /** {@code auto} or a positive factor such as {@code 0.1}, as {@code --scale} and the JMH parameter {@code scale} spell it. */
    public static WorkloadScale parse(String text) {
        if (text.strip().equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            return new WorkloadScale(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a workload scale is 'auto' or a factor such as 0.1, not '" + text + "'");
        }
    }

    /**
     * The operations {@code workload} is told to run under {@code accel} (the one the VM runs
     * under, not {@code auto}), or empty when it runs as it is: a program of the user's, or its
     * own default count (no argument).
     */
    public Optional<Long> operations(Workload workload, Accel accel) throws IOException {
        if (!(workload instanceof Workload.BuiltIn builtIn)) {
            return Optional.empty();
        }
        Optional<Long> standard = PrintedUnit.ofBuiltIn(builtIn.name()).map(PrintedUnit::count);
        Optional<Long> count;
        if (factor.isPresent()) {
            count = standard.map(n -> Math.max(1, Math.round(n * factor.getAsDouble())));
        } else {
            count = accel == Accel.ICOUNT ? IcountCount.ofBuiltIn(builtIn.name()) : Optional.empty();
        }
        return count.filter(n -> !count.equals(standard));
    }

    /** The count each of {@code workloads} is told to run under {@code accel}, by id: those that run as they are are left out. */
    public Map<String, Long> operations(List<Workload> workloads, Accel accel) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Workload workload : workloads) {
            Optional<Long> count = operations(workload, accel);
            if (count.isPresent()) {
                counts.put(workload.id(), count.get());
            }
        }
        return counts;
    }

    /**
     * For a reader of the setup: the rule, and the counts it gave {@code workloads} under
     * {@code accel} (the others run their default counts).
     */
    public String describe(List<Workload> workloads, Accel accel) throws IOException {
        String rule = factor.isPresent() ? this + " x the built-in workloads' default counts"
                : accel == Accel.ICOUNT ? "auto: each built-in workload's count under icount (ICOUNT_ITERATIONS in workloads/*.c)"
                : "auto: the built-in workloads' default counts (" + (accel == Accel.AUTO ? "not icount" : accel.qemuName()) + ")";
        Map<String, Long> counts = operations(workloads, accel);
        return counts.isEmpty() ? rule : rule + "; " + counts.toString().replaceAll("[{}]", "").replace('=', ' ') + " operations, the others"
                + " their default counts";
    }

    @Override
    public String toString() {
        if (factor.isEmpty()) {
            return "auto";
        }
        double f = factor.getAsDouble();
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }
}
