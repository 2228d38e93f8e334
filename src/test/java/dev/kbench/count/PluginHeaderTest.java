package dev.kbench.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginHeaderTest {

    @Test
    void debiansUpstreamVersionDropsEpochAndRevision() {
        assertEquals(Optional.of("7.2+dfsg"), PluginHeader.debianUpstreamVersion(
                "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022 Fabrice Bellard"));
        assertEquals(Optional.of("8.2.2+ds"), PluginHeader.debianUpstreamVersion("QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1)"));
    }

    @Test
    void aQemuBuiltFromSourceIsNotDebians() {
        assertTrue(PluginHeader.debianUpstreamVersion("QEMU emulator version 9.1.0\nCopyright").isEmpty());
    }
}
