package dev.kbench.cli;

import dev.kbench.boot.BootPhaseMetrics;
import dev.kbench.run.WorkloadOutputs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The main of {@code benchmarks.jar}: JMH's own, with kbench's profilers added to a run that
 * names none, so that JMH run directly writes what kbench's commands write: each workload's
 * printed integer ({@link WorkloadOutputs}: {@code WorkloadBenchmark}, {@code SuiteBenchmark})
 * and each boot's phases ({@link BootPhaseMetrics}: {@code BootBenchmark}). Both are added
 * whatever the benchmarks: each reads only its own log (the run log, the boot log), which only
 * its kind of benchmark writes, and so adds nothing to another kind's iterations. A run that
 * names its profilers with {@code -prof} gets those alone, as JMH gives them; help and the
 * listings ({@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf}) are JMH's,
 * unchanged.
 */
public final class JmhMain {

    static final List<String> PROFILERS = List.of(WorkloadOutputs.class.getName(), BootPhaseMetrics.class.getName());

    private JmhMain() {
    }

    public static void main(String[] args) throws IOException {
        // JMH's own main runs it all, so its messages and exit statuses stay exactly JMH's
        Main.main(withProfilers(args));
    }

    /** {@code args} with {@code -prof} for each of kbench's profilers in front, when they make a run that names no profiler. */
    static String[] withProfilers(String[] args) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            return args; // JMH's main says what is wrong with them
        }
        if (!options.getProfilers().isEmpty() || options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            return args;
        }
        List<String> added = new ArrayList<>();
        PROFILERS.forEach(profiler -> added.addAll(List.of("-prof", profiler)));
        added.addAll(List.of(args));
        return added.toArray(String[]::new);
    }
}
