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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the agent waits between runs in a real guest (guest-agent/warm.h): on the last pinned
 * run's CPU, starting the next program from there only if it is pinned there too, so that an
 * unpinned program may still run on every CPU.
 */
class AgentBetweenRunsIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    /** What the test program cpus prints: its own CPUs and those of PID 1, the agent. */
    private static String cpus(Vm vm, int cpu) throws IOException {
        RunRequest request = cpu < 0 ? RunRequest.of("/bin/cpus") : RunRequest.of("/bin/cpus").pinnedTo(cpu);
        RunResult result = vm.agent().run(request, Duration.ofSeconds(60));
        assertTrue(result.succeeded(), result.toString());
        return result.stdout().strip();
    }

    @Test
    void theAgentWaitsOnThePinnedRunsCpuAndReturnsHomeForAnyOtherRun() throws IOException {
        Kernel kernel = TestKernel.debianCloud();
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs"))
                .program(TEST_PROGRAMS.resolve("cpus")).buildFor(kernel);
        try (Vm vm = Vm.boot(VmSpec.builder(kernel, image).accel(Accel.TCG).cpus(2).build())) {
            assertEquals("self 0-1 agent 0-1", cpus(vm, -1), "before any pinned run");
            assertEquals("self 0 agent 0-1", cpus(vm, 0), "the first pinned run starts from the agent's CPUs");
            assertEquals("self 0 agent 0", cpus(vm, 0), "the next run on that CPU starts from it");
            assertEquals("self 0-1 agent 0-1", cpus(vm, -1), "an unpinned run may run anywhere");
            assertEquals("self 1 agent 0-1", cpus(vm, 1), "after an unpinned run nothing is kept busy");
            assertEquals("self 0 agent 0-1", cpus(vm, 0), "a run on another CPU starts from the agent's CPUs");
        }
    }
}
