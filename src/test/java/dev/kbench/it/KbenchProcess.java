package dev.kbench.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.zeroturnaround.exec.ProcessExecutor;

/** Runs the {@code kbench} command line from benchmarks.jar in its own process, as the launcher does. */
final class KbenchProcess {

    private KbenchProcess() {
    }

    /** An executor for {@code kbench ARGS} in {@code dir}; every output line is echoed and kept in {@code lines}. */
    static ProcessExecutor command(Path dir, List<String> lines, String... args) {
        return command(dir, java.util.Map.of(), lines, args);
    }

    static ProcessExecutor command(Path dir, java.util.Map<String, String> env, List<String> lines, String... args) {
        // a test run from a background job (nohup ... &) inherits SIGINT ignored, and so would kbench,
        // whose Ctrl-C handling a test sends SIGINT to: start it with the default disposition
        // (and TERM and HUP, which kbench handles as Ctrl-C); -Djmh.ignoreLock=true as the launcher passes it
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM,HUP", JmhRunner.javaBinary(), "-Djmh.ignoreLock=true", "-cp",
                JmhRunner.benchmarksJar().toAbsolutePath().toString(), "dev.kbench.cli.Kbench"));
        command.addAll(List.of(args));
        return JmhRunner.echoing(new ProcessExecutor(command).directory(dir.toFile()).environment(env), "[kbench] ", lines);
    }

    static int run(Path dir, List<String> lines, String... args) throws IOException {
        return run(dir, java.util.Map.of(), lines, args);
    }

    static int run(Path dir, java.util.Map<String, String> env, List<String> lines, String... args) throws IOException {
        try {
            return command(dir, env, lines, args).execute().getExitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("kbench did not finish", e);
        }
    }
}
