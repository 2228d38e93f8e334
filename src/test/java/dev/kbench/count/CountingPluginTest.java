package dev.kbench.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.KbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountingPluginTest {

    @TempDir
    Path tmp;

    @Test
    void aQemuBuiltWithoutPluginSupportIsOneLineAndNothingIsBuilt() throws Exception {
        // a QEMU configured without --enable-plugins lists no -plugin option in its help
        Path qemu = tmp.resolve("qemu-system-x86_64");
        Files.writeString(qemu, "#!/bin/sh\necho 'QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)'\necho '-machine [type=]name'\n");
        Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path folder = Files.createDirectory(tmp.resolve("qemu-plugin"));
        KbenchException e = assertThrows(KbenchException.class, () -> CountingPlugin.prepare(qemu.toString(), Optional.empty(), folder));
        assertEquals(KbenchException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(qemu + " was built without plugin support"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "no header fetched, no plugin built");
        }
    }
}
