package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleWatchTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path tmp;

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aPanicEndsTheBootOnceThePanicIsWhole() throws Exception {
        Path console = tmp.resolve("console.log");
        ConsoleWatch watch = new ConsoleWatch(console, Duration.ofSeconds(60), () -> 0, false, 0);
        append(console, "[    1.0] Run /init as init process\n[    1.1] Kernel panic - not syncing: Requested init /init failed (error -2).\n");
        long now = System.nanoTime();
        // the panic is seen, but its end is not in yet: wait for it
        assertEquals(Optional.empty(), watch.check(now));
        append(console, "[    1.2] ---[ end Kernel panic - not syncing: Requested init /init failed (error -2). ]---\n");
        Optional<String> cause = watch.check(now + SECOND);
        assertTrue(cause.isPresent());
        assertTrue(cause.get().startsWith("Kernel panic - not syncing: Requested init /init failed (error -2). (the init program cannot run"), cause.get());
    }

    @Test
    void anUnmountableRootIsSaidAsSuch() throws Exception {
        Path console = tmp.resolve("console.log");
        ConsoleWatch watch = new ConsoleWatch(console, Duration.ofSeconds(60), () -> 0, false, 0);
        append(console, "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(254,0)\n");
        long now = System.nanoTime();
        watch.check(now);
        // no end line: it fails anyway once the panic has had time to settle
        Optional<String> cause = watch.check(now + 2 * SECOND);
        assertTrue(cause.orElseThrow().contains("Unable to mount root fs") && cause.get().contains("driver"), cause.get());
    }

    @Test
    void aSilentConsoleFailsOnlyAfterTheStatedTimeAndMarkersCountAsLife() throws Exception {
        Path console = tmp.resolve("console.log");
        append(console, "Waiting for root device /dev/vda...\n");
        AtomicInteger markers = new AtomicInteger();
        long start = System.nanoTime();
        ConsoleWatch watch = new ConsoleWatch(console, Duration.ofSeconds(10), markers::get, false, start);
        assertEquals(Optional.empty(), watch.check(start + SECOND));
        markers.incrementAndGet();
        assertEquals(Optional.empty(), watch.check(start + 9 * SECOND));
        // 10 s after the marker, not after the start
        assertEquals(Optional.empty(), watch.check(start + 15 * SECOND));
        Optional<String> cause = watch.check(start + 20 * SECOND);
        assertEquals("the guest's console and marker port have been silent for 10 s; the console's last line: Waiting for root device /dev/vda...",
                cause.orElseThrow());
    }

    @Test
    void anEmptyConsoleSaysSo() {
        long start = System.nanoTime();
        ConsoleWatch watch = new ConsoleWatch(tmp.resolve("none.log"), Duration.ofSeconds(5), () -> 0, false, start);
        assertTrue(watch.check(start + 6 * SECOND).orElseThrow().contains("the console is empty"));
    }

    @Test
    void aHaltedGuestEndsTheBootAtOnceWithTheLineBeforeIt() throws Exception {
        Path console = tmp.resolve("console.log");
        ConsoleWatch watch = new ConsoleWatch(console, Duration.ofSeconds(60), () -> 0, false, 0);
        append(console, "kbench-agent: signalfd: Function not implemented\n[    0.9] reboot: System halted\n");
        assertEquals("the guest halted before kbench's agent answered (console: reboot: System halted);"
                + " the line before it: kbench-agent: signalfd: Function not implemented", watch.check(System.nanoTime()).orElseThrow());
    }

    @Test
    void aPowerOffAndARestartAreSaidAsSuch() throws Exception {
        Path off = tmp.resolve("off.log");
        append(off, "reboot: Power down\n");
        assertTrue(new ConsoleWatch(off, Duration.ofSeconds(60), () -> 0, false, 0).check(System.nanoTime()).orElseThrow()
                .startsWith("the guest powered off before kbench's agent answered (console: reboot: Power down)"));
        Path restart = tmp.resolve("restart.log");
        append(restart, "[    2.0] reboot: Restarting system\n");
        assertTrue(new ConsoleWatch(restart, Duration.ofSeconds(60), () -> 0, false, 0).check(System.nanoTime()).orElseThrow()
                .startsWith("the guest restarted before"));
    }

    @Test
    void acpiTablesAKernelCannotLoadEndAMicrovmBootWithTheRemedy() throws Exception {
        Path console = tmp.resolve("console.log");
        append(console, "[    0.3] ACPI: Unable to load the System Description Tables\n");
        Optional<String> cause = new ConsoleWatch(console, Duration.ofSeconds(60), () -> 0, true, 0).check(System.nanoTime());
        assertTrue(cause.orElseThrow().startsWith("the kernel cannot use QEMU's ACPI tables") && cause.get().contains("add acpi=off"), cause.get());
        // where the devices do not depend on the tables (pc), the kernel boots on without them
        assertEquals(Optional.empty(), new ConsoleWatch(console, Duration.ofSeconds(60), () -> 0, false, 0).check(System.nanoTime()));
    }

    @Test
    void atQemusExitTheWholeConsoleIsReadAtOnce() throws Exception {
        Path console = tmp.resolve("console.log");
        long now = System.nanoTime();
        ConsoleWatch watch = new ConsoleWatch(console, Duration.ofSeconds(60), () -> 0, false, now);
        assertEquals(Optional.empty(), watch.check(now + SECOND));
        // written and followed by QEMU's exit within one look's interval
        append(console, "reboot: Power down\n");
        assertEquals(Optional.empty(), watch.check(now + SECOND + 1));
        assertTrue(watch.atExit().orElseThrow().startsWith("the guest powered off"));
        assertEquals(Optional.empty(), new ConsoleWatch(tmp.resolve("none.log"), Duration.ofSeconds(60), () -> 0, false, now).atExit());
    }
}
