package dev.kbench.results;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets for the readers of kbench's files: the run log (JSON lines) and JMH's JSON. Any
 * file gives records or an IOException naming the file, never another exception.
 * Replayed from {@code ResultReadersFuzzTestInputs/} by every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ResultReadersFuzzTest {

    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("kbench-fuzz", ".json");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void runLog(byte[] file) throws IOException {
        Files.write(FILE, file);
        try {
            RunLog.rounds(RunLog.read(FILE));
            RunCosts.class.getName();
        } catch (IOException e) {
            named(e);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void jmhJson(byte[] file) throws IOException {
        Files.write(FILE, file);
        try {
            JmhResults.read(FILE);
            JmhResults.workloads(java.util.List.of(FILE));
        } catch (IOException e) {
            named(e);
        }
    }

    private static void named(IOException e) {
        if (e.getMessage() == null || !e.getMessage().contains(FILE.toString())) {
            throw new IllegalStateException("an error that does not name the file: " + e.getMessage(), e);
        }
    }
}
