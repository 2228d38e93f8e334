package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a QEMU binary has the seccomp sandbox is asked of the binary itself: the real one here
 * (Debian's QEMU has it), and a stand-in for a QEMU built without libseccomp, which refuses the
 * option as such a build does.
 */
class QemuSandboxTest {

    @TempDir
    Path tmp;

    @Test
    void debiansQemuHasTheSandboxAndGetsItRightAfterItsName() {
        List<String> command = List.of("setpriv", "--pdeathsig", "KILL", "--", "qemu-system-x86_64", "-machine", "pc");
        assertTrue(QemuSandbox.supported("qemu-system-x86_64"));
        assertEquals(List.of("setpriv", "--pdeathsig", "KILL", "--", "qemu-system-x86_64", "-sandbox",
                "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny", "-machine", "pc"),
                QemuSandbox.apply("qemu-system-x86_64", command));
    }

    @Test
    void aQemuWithoutTheSandboxRunsAsItIs() throws Exception {
        Path qemu = tmp.resolve("qemu-without-seccomp");
        Files.writeString(qemu, """
                #!/bin/sh
                for arg; do [ "$arg" = -sandbox ] && { echo "qemu: -sandbox on: There is no option group 'sandbox'" >&2; exit 1; }; done
                exec qemu-system-x86_64 "$@"
                """);
        qemu.toFile().setExecutable(true);
        assertFalse(QemuSandbox.supported(qemu.toString()));
        List<String> command = List.of(qemu.toString(), "-machine", "pc");
        assertEquals(command, QemuSandbox.apply(qemu.toString(), command));
    }
}
