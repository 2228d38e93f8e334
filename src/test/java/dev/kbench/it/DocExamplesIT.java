package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.docs.DocExample;
import dev.kbench.docs.DocPages;
import dev.kbench.docs.ExampleMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Runs every example of README.md and docs/ whose marker says {@code run}, as written, in a
 * scratch folder of its own (never the work tree): {@code ./kbench} there is the checkout's
 * launcher, {@code target/} its build. The marker's setup fills the page's placeholders first,
 * with {@code $KERNEL} (the Debian cloud kernel the tests boot, unpacked from its package with
 * its modules beside it) and {@code $DOCS} (the committed results) at hand. An example passes
 * when it exits 0, prints what its page says it shows and leaves the files it says it writes;
 * no QEMU may outlive it. {@code -Dkbench.docExamples=README.md} (or {@code docs/run.md:}, ...)
 * runs only the examples whose place starts with it, e.g. a page's after editing that page.
 */
class DocExamplesIT {

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicTest> everyRunExampleWorksAsWritten() throws IOException {
        Path repository = DocPages.repository();
        String only = System.getProperty("kbench.docExamples", "");
        List<DocExample> examples = DocPages.examples(repository).stream().filter(e -> e.marker().kind() == ExampleMarker.Kind.RUN)
                .filter(e -> e.where().startsWith(only)).toList();
        assertTrue(!examples.isEmpty(), "no example's place starts with " + only);
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.where() + " " + e.body().get(0), () -> run(repository, e)));
    }

    private void run(Path repository, DocExample example) throws Exception {
        Path kernel = TestKernel.debianCloud().image();
        Path dir = Files.createDirectories(scratch.resolve(example.where().replaceAll("[^\\w.-]", "_")));
        Path launcher = dir.resolve("kbench");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + repository.resolve("kbench") + "' \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("target"), repository.resolve("target"));
        // pages write ./kbench from the checkout and plain kbench as installed: both are the launcher here
        Map<String, String> env = Map.of("KERNEL", kernel.toString(), "DOCS", repository.resolve("docs").toString(),
                "PATH", dir + ":" + System.getenv("PATH"));
        List<String> lines = new ArrayList<>();
        if (example.marker().setupScript().isPresent()) {
            assertEquals(0, bash(dir, env, example.marker().setupScript().get(), 5, lines), example.where() + ": its setup failed: " + lines);
        }
        long start = System.nanoTime();
        int exit = bash(dir, env, example.script(), example.marker().minutes(), lines);
        System.out.printf("%s: exit %d after %.0f s%n", example.where(), exit, (System.nanoTime() - start) / 1e9);
        String output = String.join("\n", lines);
        assertEquals(0, exit, example.where() + " failed as written; its output:\n" + output);
        for (String expected : example.marker().expect()) {
            assertTrue(Pattern.compile(expected, Pattern.MULTILINE).matcher(output).find(),
                    example.where() + ": the output does not show /" + expected + "/ as its page says:\n" + output);
        }
        for (String file : example.marker().files()) {
            assertTrue(Files.exists(dir.resolve(file)), example.where() + " did not write " + file + "; its folder has " + listing(dir));
        }
        assertEquals(List.of(), QemuProcesses.ours(), example.where() + " left a QEMU running");
    }

    private static int bash(Path dir, Map<String, String> env, String script, int minutes, List<String> lines) throws Exception {
        // timeout(1) signals the whole process group, so a kbench cut off stops its VMs as on Ctrl-C
        ProcessExecutor bash = new ProcessExecutor("timeout", "-k", "30", minutes + "m", "bash", "-e", "-o", "pipefail", "-c", script)
                .directory(dir.toFile()).environment(env);
        ProcessResult result = JmhRunner.echoing(bash, "[example] ", lines).timeout(minutes + 1L, TimeUnit.MINUTES).execute();
        return result.getExitValue();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.map(dir::relativize).map(Path::toString).sorted().toList();
        }
    }
}
