package dev.kbench.cli;

import picocli.CommandLine.Option;

/** {@code --warmups}: unmeasured runs after each boot, for the experiments and for plan's time estimate. */
final class WarmupsOption {

    @Option(names = "--warmups", paramLabel = "N", description = "Unmeasured runs (passes) after each boot. Default: ${DEFAULT-VALUE}.")
    int warmups;
}
