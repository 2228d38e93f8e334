package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Marker;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A program the agent runs holds no I/O port: the agent writes its boot markers to port 0xf4 and
 * gives the port up after each write, because a task with an I/O bitmap pays for it on every
 * return to user mode (some 50 instructions a system call) and its children inherit it, which
 * would add that to every workload's cost on every kernel.
 */
class InheritedPortIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void aProgramTheAgentRunsDoesNotInheritTheMarkerPort() throws Exception {
        Kernel kernel = TestKernel.debianCloud();
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs"))
                .program(TEST_PROGRAMS.resolve("marker_port")).buildFor(kernel);
        try (Vm vm = Vm.boot(VmSpec.builder(kernel, image).accel(Accel.TCG).build())) {
            List<Marker> agents = vm.markersOnceReady(Duration.ofSeconds(5));
            assertTrue(!agents.isEmpty(), "the agent wrote its markers, so it held the port");
            RunResult result = vm.agent().run(RunRequest.of("/bin/marker_port"), Duration.ofSeconds(60));
            assertTrue(result.succeeded(), result.toString());
            assertEquals("port refused", result.stdout().strip());
            assertTrue(vm.markers().stream().noneMatch(m -> m.value() == 0), "nothing reached the port: " + vm.markers());
        }
    }
}
