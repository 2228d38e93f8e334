package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** lsm-perf's -c on a real VM, checked from /proc: vCPU threads on their CPUs, all else on QEMU's. */
class CpuPinningIT {

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static String status(long pid, String tid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", tid, "status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        throw new IOException(field + " missing for thread " + tid);
    }

    @Test
    void vcpusAndQemuThreadsRunWhereTheyWereTold() throws IOException {
        Kernel kernel = TestKernel.debianCloud().withCmdline("isolcpus=0");
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).buildFor(kernel);
        CpuPinning pinning = CpuPinning.parse("1:0:1"); // this host has two CPUs
        try (Vm vm = Vm.boot(VmSpec.builder(kernel, image).cpus(2).accel(Accel.TCG).build())) {
            Map<Long, Integer> plan = pinning.apply(vm);
            int vcpusSeen = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(vm.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    String tid = task.getFileName().toString();
                    String name = Files.readString(task.resolve("comm")).strip();
                    String allowed = status(vm.pid(), tid, "Cpus_allowed_list");
                    // QEMU names vCPU threads "CPU n/TCG" (or "/KVM") with -name debug-threads=on
                    if (name.startsWith("CPU 0/")) {
                        assertEquals("0", allowed, name);
                        vcpusSeen++;
                    } else if (name.startsWith("CPU 1/")) {
                        assertEquals("1", allowed, name);
                        vcpusSeen++;
                    } else if (plan.containsKey(Long.parseLong(tid))) {
                        assertEquals("1", allowed, "QEMU thread " + name);
                    }
                }
            }
            assertEquals(2, vcpusSeen, "both vCPU threads found by name");
            assertTrue(vm.agent().pingOnce(java.time.Duration.ofSeconds(10)), "the pinned guest still answers");
        }
    }

    @Test
    void refusesCpusTheHostDoesNotHave() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CpuPinning.parse("0:1:999"));
        assertTrue(e.getMessage().startsWith("CPU 999 does not exist here"), e.getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CpuPinning.parse("0,1,2"))
                .getMessage().contains("CPU-QEMU:CPU-KVM1:CPU-KVM2"));
    }
}
