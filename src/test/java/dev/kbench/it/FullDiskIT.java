package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.StartedProcess;

/**
 * The disk fills in the middle of a run, for real: the output folder is a 4 MiB tmpfs, and once
 * the first round is in, a file takes all the space left. kbench stops with an error naming the
 * file it could not write, and what was measured before is in the run log.
 */
class FullDiskIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;
    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessExecutor("umount", "-l", mount.toString()).execute();
        }
    }

    @Test
    void aDiskThatFillsMidRunStopsItNamingTheFileAndKeepsTheRunsBefore() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        TestKernel.debianCloud();
        mount = Files.createDirectories(tmp.resolve("small"));
        assertEquals(0, new ProcessExecutor("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mount.toString()).execute().getExitValue());
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        StartedProcess kbench = KbenchProcess.command(mount, Collections.synchronizedList(lines), "run", "-k", "default", "--rounds", "4", "--runs", "2",
                "--warmups", "0", "-w", TEST_PROGRAMS.resolve("dyn_answer").toString(), "--accel", "tcg", "-o", "out.csv").start();
        Path csv = mount.resolve("out.csv");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && kbench.getProcess().isAlive() && !(Files.exists(csv) && Files.readAllLines(csv).size() >= 2)) {
            Thread.sleep(100);
        }
        // fill the disk: dd stops at ENOSPC
        new ProcessExecutor("dd", "if=/dev/zero", "of=" + mount.resolve("filler"), "bs=64k").execute();
        assertTrue(kbench.getProcess().waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "kbench did not stop");
        // the host's error where the disk filled between rounds; a stopped experiment where it filled within one
        assertTrue(List.of(ExitStatus.HOST.code(), ExitStatus.STOPPED.code()).contains(kbench.getProcess().exitValue()), lines.toString());
        String error = lines.stream().filter(l -> l.startsWith("kbench: error: ")).findFirst().orElse(lines.toString());
        // the first file to meet the full disk: the CSV, the run log, or the kept round's JMH result in out.forks/
        assertTrue(error.matches("kbench: error: .*cannot write " + java.util.regex.Pattern.quote(mount.toString())
                + "/out\\.[a-z.]+(/[a-z0-9.-]+)?: No space left on device.*"), error);
        List<RunRecord> runs = RunLog.read(mount.resolve("out.runs.jsonl"));
        assertTrue(runs.stream().filter(r -> r.round() != null && r.round() == 0 && r.value() != null && r.value() == 42).count() == 2,
                "round 0's runs are in the run log: " + runs);
        assertEquals(List.of(), QemuProcesses.ours());
    }
}
