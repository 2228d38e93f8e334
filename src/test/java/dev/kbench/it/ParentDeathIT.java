package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.StartedProcess;

/** A JVM that owns a VM and is killed with SIGKILL (no shutdown hook runs) takes its QEMU with it. */
class ParentDeathIT {

    @TempDir
    Path tmp;

    @Test
    void qemuDiesWithTheJvmThatStartedIt() throws Exception {
        TestKernel.debianCloud();
        String hang = Path.of("target/test-classes/guest-test/sleep_forever").toAbsolutePath().toString();
        List<String> output = new ArrayList<>();
        StartedProcess jmh = JmhRunner.start(Map.of("KBENCH_RUN_LOG", tmp.resolve("runs.jsonl").toString()),
                List.of("WorkloadBenchmark", "-p", "accel=tcg", "-p", "workload=" + hang, "-f", "1", "-wi", "0", "-i", "1"),
                output);
        ProcessHandle parent = jmh.getProcess().toHandle();
        try {
            Optional<ProcessHandle> qemu = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            // wait until the guest is up and running the workload that never ends
            while (System.nanoTime() < deadline && !(qemu.isPresent() && booted(output))) {
                Thread.sleep(200);
                qemu = QemuProcesses.below(parent).stream().findFirst();
            }
            assertTrue(qemu.isPresent() && booted(output), "no VM booted: " + output);
            ProcessHandle owner = qemu.get().parent().orElseThrow();
            assertTrue(owner.info().command().orElse("").endsWith("java"), "QEMU's parent is the JMH fork's JVM");
            assertTrue(owner.destroyForcibly()); // SIGKILL: no shutdown hook, no close()
            ProcessHandle vm = qemu.get();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (vm.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertFalse(vm.isAlive(), "QEMU " + vm.pid() + " outlived the JVM that started it");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static boolean booted(List<String> output) {
        synchronized (output) {
            return output.stream().anyMatch(line -> line.contains("booted in"));
        }
    }
}
