package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kbench run -i IMAGE --key KEY}, lsm-perf's way: the kernel boots the user's disk image and workloads run over SSH. */
class RunImageIT {

    @TempDir
    Path tmp;

    private List<String> run(SshTestImage image, String transport, String out) throws Exception {
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "default", "-i", image.image().toString(), "--key", image.key().toString(),
                "-w", "eventfd", "--rounds", "1", "--runs", "2", "--warmups", "0", "--accel", "tcg", "--mem", "1024",
                "--net", "virtio-net", "--transport", transport, "-o", out);
        assertEquals(0, exit, "kbench run -i failed; its output is above");
        return lines;
    }

    @Test
    void theImageBootsAndEventfdRunsThroughTheAgentAndThroughSshExec() throws Exception {
        TestKernel.debianCloud();
        SshTestImage image = SshTestImage.build(tmp.resolve("image"), true);
        List<String> output = new ArrayList<>();
        for (String transport : List.of("agent", "ssh")) {
            List<String> lines = run(image, transport, transport + ".csv");
            output.addAll(lines);
            // Debian's kernel boots the image through kbench's initramfs, which left the agent in /run:
            // kbench run shows only the forks' warnings, among them the one for an agent copied in instead
            assertTrue(lines.stream().noneMatch(l -> l.contains("copying it in over SSH")), "the agent was copied in");
            List<String> csv = Files.readAllLines(tmp.resolve(transport + ".csv"));
            assertEquals("kernel path,round,run 0,run 1", csv.get(0));
            assertTrue(csv.get(1).matches("default,0,\\d+,\\d+"), csv.toString());
            List<RunRecord> runs = RunLog.read(tmp.resolve(transport + ".runs.jsonl")).stream().filter(RunRecord::measured).toList();
            assertEquals(2, runs.size());
            assertTrue(runs.stream().allMatch(r -> r.value() != null && r.value() > 0), runs.toString());
        }
        assertEquals(List.of(), QemuProcesses.ours());
        theKeyStaysOnTheHost(image, output);
    }

    /** What makes the test above able to fail: kbench run does show the warning for an agent copied in. */
    @Test
    void anImageWithoutRunHasTheAgentCopiedInAndSaysSo() throws Exception {
        TestKernel.debianCloud();
        SshTestImage image = SshTestImage.build(tmp.resolve("no-run"), true, false);
        List<String> lines = run(image, "agent", "no-run.csv");
        assertEquals(1, lines.stream().filter(l -> l.contains("kbench: warning: kbench's initramfs left no agent of build")
                && l.contains("copying it in over SSH at every boot")).count(), String.join("\n", lines));
        assertTrue(RunLog.read(tmp.resolve("no-run.runs.jsonl")).stream().filter(RunRecord::measured).count() == 2, "two measured runs");
    }

    /** The SSH private key is in no result, no output line and not in the guest's disk after the runs. */
    private void theKeyStaysOnTheHost(SshTestImage image, List<String> output) throws Exception {
        List<String> body = Files.readAllLines(image.key()).stream().filter(l -> l.length() >= 40 && !l.startsWith("-----")).toList();
        assertTrue(!body.isEmpty(), "a PEM key body");
        String secret = body.get(body.size() / 2);
        assertTrue(output.stream().noneMatch(l -> l.contains(secret)), "the key in kbench's output");
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var files = Files.walk(tmp)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(image.key())).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    throw new AssertionError("the SSH private key is in " + file);
                }
            }
        }
    }

    private static boolean contains(byte[] bytes, byte[] needle) {
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (bytes[i] == needle[0] && java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
