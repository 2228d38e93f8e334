package dev.kbench.explain;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One kernel's measured runs of the workload, each of {@code operations} operations, from one or
 * more fresh VMs: the numbers an {@link Explanation} sets against another kernel's.
 *
 * @param kernel the kernel's name as given (a path, {@code default}, a variant's name)
 * @param operations how many operations each run did
 * @param samples the measured runs, in the order they ran
 */
public record KernelProfile(String kernel, long operations, List<WindowSample> samples) {

    public KernelProfile {
        if (operations < 1) {
            throw new IllegalArgumentException("a run does at least one operation, not " + operations);
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("kernel " + kernel + " has no measured run to explain");
        }
        samples = List.copyOf(samples);
    }

    /** The mean instructions per operation {@code function} executed in a window (0 where it never ran). */
    public double perOp(String function) {
        return samples.stream().mapToLong(s -> s.functions().getOrDefault(function, 0L)).average().orElse(0) / operations;
    }

    /** The mean instructions per operation of the whole window. */
    public double windowPerOp() {
        return samples.stream().mapToLong(WindowSample::total).average().orElse(0) / operations;
    }

    /** The mean of what the workload printed, in instructions per operation; NaN when it printed no instruction count. */
    public double printedPerOp() {
        if (samples.stream().anyMatch(s -> s.printed().isEmpty())) {
            return Double.NaN;
        }
        return samples.stream().mapToLong(s -> s.printed().getAsLong()).average().orElse(0) / operations;
    }

    /** Every function that ran in any window. */
    public Set<String> functions() {
        Set<String> all = new TreeSet<>();
        samples.forEach(s -> all.addAll(s.functions().keySet()));
        return all;
    }
}
