package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link HostCpuUse}: the kernel's tick counters read right, and a process outside kbench's tree counted as another's. */
class HostCpuUseTest {

    private static final List<String> PROC_STAT = List.of(
            "cpu  161929 6314 10997 185027 604 0 1000 169 0 0",
            "cpu0 65664 1328 4906 110446 107 0 614 82 0 0",
            "cpu1 96265 4985 6090 74581 496 0 386 87 0 0",
            "intr 12345 0 0",
            "ctxt 987654");

    @Test
    void busyTicksAreUserNiceSystemIrqSoftirqAndStealOfTheGivenCpusOnly() {
        assertEquals(65664 + 1328 + 4906 + 0 + 614 + 82, HostCpuUse.busyTicks(PROC_STAT, Set.of(0)));
        assertEquals(65664 + 1328 + 4906 + 614 + 82 + 96265 + 4985 + 6090 + 386 + 87, HostCpuUse.busyTicks(PROC_STAT, Set.of(0, 1)));
        assertEquals(0, HostCpuUse.busyTicks(PROC_STAT, Set.of(2)));
    }

    @Test
    void aProcessesTicksAreItsOwnAndItsReapedChildrensEvenWithParenthesesInItsName() {
        String stat = "4242 (qemu (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 700 80 9 1 20 0 5 0 123 456 789";
        assertEquals(700 + 80 + 9 + 1, HostCpuUse.ticks(stat));
    }

    @Test
    void aProcessOutsideKbenchsTreeIsCountedAsAnothers() throws Exception {
        // the shell exits at once, so the busy loop is no descendant of this JVM: someone else's load
        Process shell = new ProcessBuilder("sh", "-c", "timeout 2 sh -c 'while :; do :; done' >/dev/null 2>&1 &").start();
        assertEquals(0, shell.waitFor());
        HostCpuUse before = HostCpuUse.now();
        Thread.sleep(1500);
        long others = HostCpuUse.now().othersNsSince(before);
        // the loop runs about 1.5 s of it; anything else on the host only adds
        assertTrue(others >= 500_000_000L, "other processes' CPU time " + others + " ns");
    }

    @Test
    void countersThatTickApartNeverGiveLessThanNothing() {
        assertEquals(0, new HostCpuUse(100, 50).othersNsSince(new HostCpuUse(100, 40)));
        assertEquals(50_000_000L, new HostCpuUse(110, 45).othersNsSince(new HostCpuUse(100, 40)));
        assertEquals(0, new HostCpuUse(110, 45).othersNsSince(HostCpuUse.UNKNOWN));
        assertEquals(0, HostCpuUse.UNKNOWN.othersNsSince(new HostCpuUse(100, 40)));
    }
}
