package dev.kbench.boot;

import dev.kbench.KbenchException;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * kbench's record of every boot, as {@link JsonLines} of {@link BootRecord}s. JMH's aux
 * counters cannot say "absent", so this is where a boot's phases really live.
 */
public final class BootLog {

    private BootLog() {
    }

    public static JsonLines<BootRecord> appendTo(Path file) throws IOException {
        return JsonLines.appendTo(file);
    }

    /**
     * The folder beside a boot log where failed boots leave their console and QEMU's state:
     * {@code OUT.failed-boots} for {@code OUT.boots.jsonl}.
     */
    public static Path failureDir(Path bootLog) {
        return GuestSettings.failedBootsBeside(bootLog);
    }

    public static List<BootRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "boot log not found: " + file + " (BootBenchmark and kbench boot write it; see $KBENCH_BOOT_LOG)");
        }
        return JsonLines.read(file, BootRecord.class);
    }
}
