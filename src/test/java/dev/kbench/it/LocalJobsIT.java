package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.StartedProcess;

/**
 * {@code kbench run --jobs 2}: two shards at once, each confined to a CPU of its own, merged; and
 * when kbench itself is killed outright (SIGKILL, no shutdown hook), its jobs stop their VMs and
 * leave no QEMU behind, keeping what they measured.
 */
class LocalJobsIT {

    @TempDir
    Path tmp;

    private static String[] run(String out) {
        return new String[] {"run", "-k", "default", "caponly", "--variant", "caponly=default lsm=capability", "-w", "getppid", "--scale", "0.05",
            "--rounds", "2", "--runs", "2", "--warmups", "0", "--accel", "tcg", "--seed", "3", "--jobs", "2", "-o", out};
    }

    @Test
    void twoJobsOnTheirOwnCpusAreMerged() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, lines, run("x.csv")), "kbench run --jobs 2 failed; its output is above");
        int cpus = Runtime.getRuntime().availableProcessors();
        String first = String.join(",", java.util.stream.IntStream.range(0, cpus / 2).mapToObj(String::valueOf).toList());
        assertTrue(lines.contains("kbench: shard 1/2 on CPUs " + first + ", its output in " + tmp.resolve("shard-1-of-2/kbench.out")), lines.toString());
        String second = String.join(",", java.util.stream.IntStream.range(cpus / 2, 2 * (cpus / 2)).mapToObj(String::valueOf).toList());
        assertTrue(lines.contains("[2/2] No dedicated CPUs provided. This process runs on CPUs " + second + " of the host's "
                + String.join(",", java.util.stream.IntStream.range(0, cpus).mapToObj(String::valueOf).toList()) + "."), "each job knows it is confined: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[2/2] Shard 2/2 on ") && l.endsWith(": rounds 1 (fewer or other than whole"
                + " balanced blocks: the order is balanced over all shards, not on each host)")), lines.toString());
        assertEquals(1 + 4, Files.readAllLines(tmp.resolve("x.csv")).size(), "the merged CSV: both kernels in both rounds");
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("kbench: getppid: 2 hosts")), "two jobs of one machine are one host: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench: time: boots ") && l.endsWith(" (4 rounds)") && l.contains(" over 2 shards, the longest ")),
                "where both jobs' time went: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench: getppid: this run resolves ±") && l.contains("(2 rounds of 2 runs)")),
                "the plan from the merged rounds: " + lines);
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void killingKbenchStopsItsJobsAndTheirVms() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        StartedProcess kbench = KbenchProcess.command(tmp, lines, run("x.csv")).start();
        ProcessHandle parent = kbench.getProcess().toHandle();
        try {
            // the VMs seen at one moment (a short round's VM may have closed by a second look), not the
            // `qemu-system-x86_64 --version` each job runs for its host record before its first boot
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            int running = vms(parent);
            while (System.nanoTime() < deadline && running < 2) {
                Thread.sleep(50);
                running = vms(parent);
            }
            assertEquals(2, running, "both jobs did not boot a VM: " + lines);
            List<ProcessHandle> jobs = parent.children().toList();
            assertTrue(parent.destroyForcibly()); // SIGKILL: kbench runs no shutdown hook
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until && (jobs.stream().anyMatch(ProcessHandle::isAlive) || !QemuProcesses.ours().isEmpty())) {
                Thread.sleep(200);
            }
            assertFalse(jobs.stream().anyMatch(ProcessHandle::isAlive), "a job outlived kbench: " + jobs);
            assertEquals(List.of(), QemuProcesses.ours(), "a VM outlived kbench and its jobs");
            assertTrue(Files.exists(tmp.resolve("shard-1-of-2/x.experiment.json")), "the job's experiment stays, to be resumed");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    private static int vms(ProcessHandle parent) {
        return (int) QemuProcesses.below(parent).stream()
                .filter(qemu -> qemu.info().arguments().map(args -> !List.of(args).contains("--version")).orElse(false)).count();
    }
}
