package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * kbench as a user with no privileges: the test creates a system user (not in group kvm, so
 * {@code --accel auto} falls back to TCG), gives it a copy of the kernel cache and of
 * benchmarks.jar in a folder of its own, and runs a short experiment as that user.
 */
class UnprivilegedIT {

    private static final String USER = "kbench-it-unpriv";
    private Path work;

    @AfterEach
    void removeUserAndFolder() throws Exception {
        new ProcessExecutor("userdel", USER).execute();
        if (work != null) {
            new ProcessExecutor("rm", "-rf", work.toString()).execute();
        }
    }

    @Test
    void aShortExperimentRunsAsAUserWithNoPrivileges() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "creating a user needs root");
        TestKernel.debianCloud();
        new ProcessExecutor("userdel", USER).execute();
        assertEquals(0, new ProcessExecutor("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER)
                .execute().getExitValue());
        work = Files.createTempDirectory(Path.of("/tmp"), "kbench-unpriv-");
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path kernels = CacheDirectory.fromEnvironment().folder("kernels");
        assertEquals(0, new ProcessExecutor("cp", "-a", kernels.toString(), cache.resolve("kernels").toString()).execute().getExitValue());
        Files.copy(JmhRunner.benchmarksJar(), work.resolve("benchmarks.jar"));
        assertEquals(0, new ProcessExecutor("chown", "-R", USER, work.toString()).execute().getExitValue());

        List<String> lines = new ArrayList<>();
        ProcessExecutor kbench = new ProcessExecutor("runuser", "-u", USER, "--", "env", "HOME=" + work, "KBENCH_CACHE=" + cache,
                JmhRunner.javaBinary(), "-Djmh.ignoreLock=true", "-cp", work.resolve("benchmarks.jar").toString(), "dev.kbench.cli.Kbench",
                "run", "-k", "default", "--rounds", "1", "--runs", "2", "--warmups", "0", "-w", "getppid", "--accel", "auto",
                "-o", work.resolve("out/unpriv.csv").toString()).directory(work.toFile());
        int exit = JmhRunner.echoing(kbench, "[kbench as " + USER + "] ", lines).execute().getExitValue();
        assertEquals(0, exit, lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench: warning: using TCG, the numbers are emulated (/dev/kvm is missing or not accessible)")),
                "no KVM for a user outside group kvm: " + lines);
        List<String> csv = Files.readAllLines(work.resolve("out/unpriv.csv"));
        assertEquals(2, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("default,0,"), csv.toString());
        String owner = Files.getOwner(work.resolve("out/unpriv.runs.jsonl")).getName();
        assertEquals(USER, owner, "written by the user, not by root");
    }
}
