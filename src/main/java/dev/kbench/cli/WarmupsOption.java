package dev.kbench.cli;

import picocli.CommandLine.Option;

/** {@code --warmups}: unmeasured runs after each boot, for the experiments and for plan's time estimate. */
final class WarmupsOption {

    @Option(names = "--warmups", paramLabel = "N", description = "Unmeasured runs (passes) after each boot. Given, every workload gets them; by default only the workloads"
            + " whose first run in a fresh VM was measured to differ from the later ones under the accelerator (any under KVM, or a"
            + " program of yours), docs/statistics.md. Default: ${DEFAULT-VALUE}.")
    int warmups;
}
