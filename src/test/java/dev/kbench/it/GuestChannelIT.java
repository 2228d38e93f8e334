package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's channel in a real guest: virtio-serial with the kernel's modules, the serial port without. */
class GuestChannelIT {

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private Vm boot(Kernel kernel) throws IOException {
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).workloads(List.of("eventfd")).buildFor(kernel);
        return Vm.boot(VmSpec.builder(kernel, image).accel(Accel.TCG).build());
    }

    private static void runsEventfd(Vm vm) throws IOException {
        RunResult result = vm.agent().run(RunRequest.of("/bin/eventfd", "50000").pinnedTo(0), Duration.ofSeconds(60));
        assertTrue(result.succeeded(), result.toString());
        assertTrue(Long.parseLong(result.stdout().strip()) > 0);
    }

    @Test
    void virtioSerialWithTheKernelsOwnModules() throws IOException {
        try (Vm vm = boot(TestKernel.debianCloud())) {
            assertEquals("virtio", vm.channel());
            runsEventfd(vm);
        }
    }

    @Test
    void aKernelWithoutVirtioModulesFallsBackToTheSerialPort() throws IOException {
        Path noModules = Files.createDirectories(tmp.resolve("lib/modules/none"));
        try (Vm vm = boot(TestKernel.debianCloud().withModules(noModules))) {
            assertEquals("serial", vm.channel());
            runsEventfd(vm);
            RunResult pinned = vm.agent().run(RunRequest.of("/bin/eventfd", "1000").pinnedTo(1), Duration.ofSeconds(60));
            assertTrue(pinned.succeeded(), pinned.toString());
        }
    }
}
