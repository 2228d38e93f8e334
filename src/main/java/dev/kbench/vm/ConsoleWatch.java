package dev.kbench.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the guest's console while it boots, so a boot that has failed ends at once with its
 * cause instead of at the boot timeout: a kernel panic (no init, no root file system, ...), a
 * guest that halts, powers off or restarts before kbench's agent answered (its init gave up),
 * on microvm a kernel that cannot load QEMU's ACPI tables (it then sees none of the machine's
 * virtio devices), or a console and marker port both silent for {@code silence}. On machines
 * where {@code panic=-1} cannot end QEMU (microvm has no reboot path) only the console says the
 * guest died. Looks at most every {@link #EVERY}, reading only what was appended since.
 */
final class ConsoleWatch {

    static final Duration EVERY = Duration.ofMillis(100);
    /** After a panic line, how long the rest of the panic may take to reach the console. */
    private static final Duration PANIC_SETTLE = Duration.ofMillis(1500);
    private static final Pattern PANIC = Pattern.compile("Kernel panic - not syncing: ?(.*)");
    private static final String PANIC_END = "---[ end Kernel panic";
    /** The kernel's last words on halt, power-off and restart (kernel/reboot.c). */
    private static final Pattern STOPPED = Pattern.compile("reboot: (System halted|Power down|Restarting system.*)");
    private static final String ACPI_TABLES = "Unable to load the System Description Tables";

    private final Path console;
    private final Duration silence;
    private final IntSupplier markers;
    private final boolean acpiTablesNeeded;
    private long offset;
    private long lastCheck;
    private long lastActivity;
    private int lastMarkers;
    private String lastLine = "";
    private String lineBefore = "";
    private String stopped;
    private final StringBuilder partial = new StringBuilder();
    private String panic;
    private long panicSeen;
    private boolean panicEnded;

    /**
     * @param markers how many markers the guest has written so far: a guest writing markers is not silent
     * @param acpiTablesNeeded the machine announces its devices only in ACPI tables (microvm with ACPI on)
     */
    ConsoleWatch(Path console, Duration silence, IntSupplier markers, boolean acpiTablesNeeded, long startNanos) {
        this.console = console;
        this.acpiTablesNeeded = acpiTablesNeeded;
        this.silence = silence;
        this.markers = markers;
        this.lastActivity = startNanos;
        this.lastCheck = startNanos;
    }

    /** The one-line cause of a boot that has visibly failed by {@code now} (System.nanoTime), or empty. */
    Optional<String> check(long now) {
        if (now - lastCheck < EVERY.toNanos()) {
            return Optional.empty();
        }
        lastCheck = now;
        if (readNew() || markers.getAsInt() != lastMarkers) {
            lastMarkers = markers.getAsInt();
            lastActivity = now;
        }
        if (stopped != null) {
            return Optional.of(stopped);
        }
        if (panic != null && (panicEnded || now - panicSeen > PANIC_SETTLE.toNanos())) {
            return Optional.of(ConsoleDiagnosis.explainPanic(panic));
        }
        if (panic == null && now - lastActivity > silence.toNanos()) {
            return Optional.of("the guest's console and marker port have been silent for " + silence.toSeconds() + " s"
                    + (lastLine.isEmpty() ? " and the console is empty (no serial console on ttyS0?)" : "; the console's last line: " + lastLine));
        }
        return Optional.empty();
    }

    /**
     * Why the guest ended, from all the console holds once QEMU has exited: on pc a halt, power-off
     * or panic ends QEMU at once, before the next look would have seen the line.
     */
    Optional<String> atExit() {
        readNew();
        if (stopped != null) {
            return Optional.of(stopped);
        }
        return Optional.ofNullable(panic).map(ConsoleDiagnosis::explainPanic);
    }

    /** Reads what the console gained; true if anything. */
    private boolean readNew() {
        try {
            if (!Files.exists(console)) {
                return false;
            }
            try (RandomAccessFile file = new RandomAccessFile(console.toFile(), "r")) {
                long length = file.length();
                if (length <= offset) {
                    return false;
                }
                byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                file.seek(offset);
                file.readFully(bytes);
                offset += bytes.length;
                lines(new String(bytes, StandardCharsets.UTF_8));
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static String verb(String what) {
        return what.startsWith("System halted") ? "halted" : what.startsWith("Power down") ? "powered off" : "restarted";
    }

    private void lines(String text) {
        partial.append(text);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            line(partial.substring(0, newline).replace("\r", "").strip());
            partial.delete(0, newline + 1);
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            return;
        }
        lineBefore = lastLine;
        lastLine = text;
        Matcher stop = STOPPED.matcher(text);
        if (stopped == null && panic == null && stop.find()) {
            stopped = "the guest " + verb(stop.group(1)) + " before kbench's agent answered (console: " + stop.group()
                    + (lineBefore.isEmpty() ? ")" : "); the line before it: " + lineBefore);
        }
        if (stopped == null && acpiTablesNeeded && text.contains(ACPI_TABLES)) {
            stopped = "the kernel cannot use QEMU's ACPI tables (console: " + text + "), so it sees none of microvm's devices:"
                    + " add acpi=off to its variant line (NAME = /path/bzImage acpi=off)";
        }
        Matcher m = PANIC.matcher(text);
        if (panic == null && m.find()) {
            panic = m.group(1).strip();
            panicSeen = System.nanoTime();
        }
        if (panic != null && text.contains(PANIC_END)) {
            panicEnded = true;
        }
    }
}
