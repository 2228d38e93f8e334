package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.BootEvidence;
import dev.kbench.vm.BootException;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real guest that floods: flood_kernel writes console lines to its serial port and bytes to
 * the marker port as fast as QEMU takes them. kbench's console file and what it keeps of a
 * failure stay bounded, and the failure still says what the console ended with.
 */
class GuestFloodIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void aConsoleAndMarkerFloodEndsInABoundedFailure() throws Exception {
        Kernel flood = Kernel.atPath(TEST_PROGRAMS.resolve("flood_kernel"));
        Path failures = tmp.resolve("failures");
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).buildFor(flood);
        VmSpec spec = VmSpec.builder(flood, image).accel(Accel.TCG).bootTimeout(Duration.ofSeconds(40)).failureDir(failures).build();
        long heapBefore = usedHeap();
        BootException e = assertThrows(BootException.class, () -> Vm.boot(spec));
        assertTrue(usedHeap() - heapBefore < (64L << 20), "kbench's heap grew by " + (usedHeap() - heapBefore) + " bytes");
        assertTrue(e.reason().startsWith("the guest agent did not answer within 40 s"), e.reason());
        BootEvidence evidence = e.evidence().orElseThrow();
        String console = Files.readString(evidence.console());
        // the guest wrote well past the 2 MiB cap in 40 s (some 200 KiB/s under TCG on a loaded host)
        assertTrue(console.startsWith("[kbench: the console's earlier output was cut: it passed 2 MiB]\n"), console.substring(0, 100));
        assertTrue(Files.size(evidence.console()) <= (2 << 20) + (64 << 10), Files.size(evidence.console()) + " bytes kept");
        assertTrue(e.getMessage().contains("    | [    0.000000] flood flood"), "the tail is in the message");
        // every marker byte was read (QEMU never blocked on it), a bounded number kept
        String state = Files.readString(evidence.qemuState());
        assertTrue(state.length() < (1 << 20), state.length() + " characters of state");
        assertTrue(state.contains(" 0x7f at "), "the markers that were kept are listed");
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
