package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in workloads keep lsm-perf's contract on the host too (they are static programs):
 * one positive integer on stdout for a count, a one-line reason and exit status 1 for a bad one.
 * WorkloadsIT runs them in a guest.
 */
class WorkloadsOnHostTest {

    private static final Path BUILT = Path.of("target/classes/guest/workloads");
    private static final Pattern ONE_INTEGER = Pattern.compile("[0-9]+\n");

    @TempDir
    Path cwd;

    record Outcome(int exitStatus, String stdout, String stderr) {
    }

    static List<String> workloads() throws IOException {
        return GuestImage.builtInWorkloads();
    }

    private Outcome run(String workload, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(BUILT.resolve(workload).toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = cwd.resolve(workload + ".out");
        Path err = cwd.resolve(workload + ".err");
        // the working folder is the test's own, in case a workload falls back to it for scratch files
        Process process = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(workload + " did not end within 60 s");
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void printsOnePositiveIntegerAndExitsZero(String workload) throws Exception {
        Outcome outcome = run(workload, "100");
        assertEquals(0, outcome.exitStatus(), workload + ": " + outcome);
        assertTrue(ONE_INTEGER.matcher(outcome.stdout()).matches(), workload + " printed " + outcome);
        assertTrue(Long.parseLong(outcome.stdout().strip()) > 0, workload + ": " + outcome);
        assertEquals("", outcome.stderr(), workload + " wrote to stderr");
        try (var left = Files.list(cwd)) {
            assertEquals(List.of(), left.filter(p -> !p.getFileName().toString().startsWith(workload + ".")).toList(),
                    workload + " left scratch files behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void aBadCountIsAnErrorWithAReasonAndNoNumber(String workload) throws Exception {
        Outcome outcome = run(workload, "0");
        assertEquals(1, outcome.exitStatus(), workload + ": " + outcome);
        assertEquals("", outcome.stdout(), workload + " printed a number for a bad count");
        assertTrue(outcome.stderr().startsWith(workload + ": ") && outcome.stderr().indexOf('\n') == outcome.stderr().length() - 1,
                workload + " should give one line naming itself: " + outcome.stderr());
    }

    @Test
    void everyWorkloadIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs/workloads.md"), StandardCharsets.UTF_8);
        for (String workload : workloads()) {
            assertTrue(doc.contains("| `" + workload + "` |"), workload + " has no row in docs/workloads.md");
        }
    }
}
