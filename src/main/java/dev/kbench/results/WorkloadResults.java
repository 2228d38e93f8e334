package dev.kbench.results;

import java.util.List;

/** The kernels measured with one workload, baseline first: what a comparison, a report section or a plot is of. */
public record WorkloadResults(String name, List<KernelRounds> kernels) {

    public WorkloadResults {
        kernels = List.copyOf(kernels);
    }
}
