package dev.kbench.results;

import java.util.List;

/**
 * The kernels measured with one workload, baseline first: what a comparison, a report section or a plot is of.
 *
 * @param measure what the values count: the verdicts say "slower (instructions)" under icount
 */
public record WorkloadResults(String name, List<KernelRounds> kernels, Measure measure) {

    public WorkloadResults {
        kernels = List.copyOf(kernels);
        if (measure == null) {
            throw new IllegalArgumentException("no measure for " + name + ": say TIME when it is not known");
        }
    }

    /** Values read as times, as lsm-perf's workloads print them. */
    public WorkloadResults(String name, List<KernelRounds> kernels) {
        this(name, kernels, Measure.TIME);
    }
}
