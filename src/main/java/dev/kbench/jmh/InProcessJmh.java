package dev.kbench.jmh;

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

    private InProcessJmh() {
    }

    /**
     * Settings given to this JVM as {@code -Dkbench.*}, or set by the command line, hold in
     * the forks too: added to their JVM arguments, before {@code extraJvmArgs}.
     */
    public static Collection<RunResult> run(ChainedOptionsBuilder options, List<String> extraJvmArgs, QuietOutput output) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("kbench."))
                .forEach(name -> jvmArgs.add("-D" + name + "=" + System.getProperty(name)));
        jvmArgs.addAll(extraJvmArgs);
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
