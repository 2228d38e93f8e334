package dev.kbench.run;

import java.io.PrintStream;

/**
 * Ctrl-C or a kill: say that the run exits prematurely and what it kept, and stop the JMH
 * forks, whose own shutdown stops their VMs.
 */
final class Interruption implements AutoCloseable {
    private final Thread hook;

    Interruption(PrintStream out, CsvFiles csv, String resumeHint) {
        hook = new Thread(() -> {
            out.println();
            out.println("kbench: interrupted: exiting prematurely; " + csv.kept() + "; " + resumeHint);
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        }, "kbench-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void finished() {
        close();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or removed before
        }
    }
}
