package dev.kbench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/** Runs JMH inside a kbench command, with kbench's own progress display in place of JMH's report. */
public final class InProcessJmh {

    private InProcessJmh() {
    }

    /** Runs {@code options}; every fork receives {@code handOff}. */
    public static Collection<RunResult> run(ChainedOptionsBuilder options, ForkHandOff handOff, QuietOutput output)
            throws RunnerException, IOException {
        options.jvmArgsAppend(handOff.jvmArgs().toArray(String[]::new));
        // JMH copies a fork's stdout and stderr to this JVM's: route them through the progress
        // display, which keeps them for error messages instead of breaking its lines
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PrintStream forkOutput = output.forkOutputStream();
        System.setOut(forkOutput);
        System.setErr(forkOutput);
        try {
            return new Runner(options.build(), output).run();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
