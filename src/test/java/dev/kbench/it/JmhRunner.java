package dev.kbench.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.StartedProcess;
import org.zeroturnaround.exec.stream.LogOutputStream;

/** Runs {@code java -jar benchmarks.jar ...} as a user would, in its own process. */
final class JmhRunner {

    private JmhRunner() {
    }

    static Path benchmarksJar() {
        Path jar = Path.of(System.getProperty("kbench.benchmarksJar", "target/benchmarks.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": integration tests run after 'mvn package' (use mvn verify)");
        }
        return jar;
    }

    static ProcessExecutor executor(Map<String, String> env, List<String> jmhArgs, List<String> outputLines) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", benchmarksJar().toString()));
        command.addAll(jmhArgs);
        return echoing(new ProcessExecutor(command).environment(env), "[jmh] ", outputLines);
    }

    /**
     * Echoes every line the process prints, with {@code prefix}, to the test's output (where a
     * failing assertion points) and keeps it in {@code lines}; a process still running after 15
     * minutes, or when the test JVM exits, is killed.
     */
    static ProcessExecutor echoing(ProcessExecutor executor, String prefix, List<String> lines) {
        return executor.redirectErrorStream(true)
                .redirectOutput(new LogOutputStream() {
                    @Override
                    protected void processLine(String line) {
                        System.out.println(prefix + line);
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                })
                .timeout(15, TimeUnit.MINUTES).destroyOnExit();
    }

    static StartedProcess start(Map<String, String> env, List<String> jmhArgs, List<String> outputLines) throws IOException {
        return executor(env, jmhArgs, outputLines).start();
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
