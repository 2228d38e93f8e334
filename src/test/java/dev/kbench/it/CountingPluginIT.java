package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.KbenchException;
import dev.kbench.count.CountLog;
import dev.kbench.count.CountingPlugin;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kbench's TCG plugin builds as a fresh machine builds it: the installed QEMU's plugin header
 * fetched from Debian's archive into an empty folder, the plugin compiled against it, and that
 * QEMU loading it (a plugin of another API version is refused by QEMU at start).
 */
class CountingPluginIT {

    @Test
    void buildsFromDebiansHeaderAndQemuLoadsIt(@TempDir Path folder) throws Exception {
        CountingPlugin plugin = CountingPlugin.prepare("qemu-system-x86_64", Optional.empty(), folder);
        assertTrue(Files.isRegularFile(plugin.library()), plugin.library().toString());
        try (var headers = Files.walk(folder)) {
            assertEquals(1, headers.filter(p -> p.getFileName().toString().equals("qemu-plugin.h")).count());
        }

        Path counts = folder.resolve("counts.txt");
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "none", "-accel", "tcg,thread=single",
                "-display", "none", "-nodefaults", "-monitor", "stdio"));
        cmd.addAll(plugin.qemuArguments(counts, true));
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(folder.resolve("qemu.log").toFile()).start();
        try (OutputStream in = qemu.getOutputStream()) {
            in.write("quit\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(qemu.waitFor(60, TimeUnit.SECONDS), "QEMU did not quit");
        assertEquals(0, qemu.exitValue(), Files.readString(folder.resolve("qemu.log")));
        CountLog log = CountLog.read(counts);
        // no CPU ran: the plugin was loaded, started its file and saw QEMU's clean exit
        assertEquals(0L, log.total().getAsLong());

        CountingPlugin again = CountingPlugin.prepare("qemu-system-x86_64", Optional.empty(), folder);
        assertEquals(plugin.library(), again.library(), "a second prepare reuses the built plugin");
    }

    /** A header of another QEMU's API compiles; only QEMU's load refuses it, and kbench says so before any boot. */
    @Test
    void aHeaderOfAnotherApiVersionIsOneLineNotAFailedBoot(@TempDir Path folder) throws Exception {
        CountingPlugin.prepare("qemu-system-x86_64", Optional.empty(), folder);
        Path debians;
        try (var files = Files.walk(folder)) {
            debians = files.filter(p -> p.getFileName().toString().equals("qemu-plugin.h")).findFirst().orElseThrow();
        }
        Path other = Files.writeString(folder.resolve("other-qemu-plugin.h"),
                Files.readString(debians).replace("#define QEMU_PLUGIN_VERSION 1", "#define QEMU_PLUGIN_VERSION 99"));
        KbenchException e = assertThrows(KbenchException.class,
                () -> CountingPlugin.prepare("qemu-system-x86_64", Optional.of(other), folder));
        assertEquals(KbenchException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("plugin requires API version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("$KBENCH_QEMU_PLUGIN_HEADER"), e.getMessage());
    }
}
