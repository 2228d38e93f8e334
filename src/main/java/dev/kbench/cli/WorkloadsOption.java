package dev.kbench.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code -w}: the workloads an experiment runs; eventfd unless the command's {@link CommandDefaults} say otherwise. */
final class WorkloadsOption {

    @Option(names = {"-w", "--workload"}, defaultValue = "eventfd", paramLabel = "WORKLOAD", split = ",",
            description = "A built-in workload's name or the path of a program that takes no argument and prints one"
                    + " integer (the time) on stdout. Several, comma-separated, or 'all' (every built-in one) make a suite:"
                    + " each boot runs them all in turn, --warmups then --runs passes, one CSV per workload and an HTML report."
                    + " Default: ${DEFAULT-VALUE}.")
    List<String> workloads;
}
