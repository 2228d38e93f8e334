package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.kernel.Kernel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A QEMU that cannot start (its wrapper cannot exec it): the boot fails saying why, and the thread kbench took to fork it is stopped. */
class VmLaunchTest {

    @Test
    void aQemuThatCannotStartIsNamedAndLeavesNoLauncherThread() throws InterruptedException {
        VmSpec spec = VmSpec.builder(Kernel.atPath(Path.of("/k/bzImage")), Path.of("/i.cpio")).accel(Accel.TCG)
                .qemuBinary("/no/such/qemu-system-x86_64").build();
        BootException e = assertThrows(BootException.class, () -> Vm.launch(spec));
        assertEquals("QEMU: No such file or directory", e.reason());
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (launcherAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(!launcherAlive(), "the thread that would have forked QEMU is stopped");
    }

    private static boolean launcherAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("kbench-qemu-launcher") && t.isAlive());
    }
}
