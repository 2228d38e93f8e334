package dev.kbench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/** Runs JMH inside a kbench command, with kbench's own progress display in place of JMH's report. */
public final class InProcessJmh {

    /**
     * How every fork's JVM runs. A fork drives one VM: it waits on sockets and appends to small
     * files, while its JIT compiler and collector threads compete with QEMU's for the host's
     * cores. The client compiler alone and the serial collector start it about a third faster
     * (whole JVM 272-511 ms against 421-545 ms, docs/measurements.md) and leave no C2 compiler
     * or parallel GC threads running beside the guest.
     */
    public static final List<String> FORK_JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private InProcessJmh() {
    }

    /** JMH's include pattern for one benchmark method and nothing else. */
    public static String only(String benchmarkClass, String method) {
        return "^" + (benchmarkClass + "." + method).replace(".", "\\.") + "$";
    }

    /** Runs {@code options}; every fork receives {@code handOff}. */
    public static Collection<RunResult> run(ChainedOptionsBuilder options, ForkHandOff handOff, QuietOutput output)
            throws RunnerException, IOException {
        List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
        jvmArgs.addAll(handOff.jvmArgs());
        options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
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
