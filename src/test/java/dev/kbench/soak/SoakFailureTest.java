package dev.kbench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.vm.BootEvidence;
import dev.kbench.vm.BootException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakFailureTest {

    @TempDir
    Path tmp;

    @Test
    void aTimeoutIsAHangWithWhereEachVcpuWas() throws Exception {
        Path state = Files.writeString(tmp.resolve("default-1.qemu-state.txt"), """
                failure: the guest agent did not answer within 60 s
                --- where each vCPU is
                vCPU 0: RIP=ffffffff81e0b6ab RFL=00000246 HLT=1
                vCPU 1: RIP=ffffffff81e0b6ab RFL=00000246 HLT=1
                --- query-status
                {"status":"running"}
                """);
        BootException e = new BootException("default", "the guest agent did not answer within 60 s (raise the boot timeout)",
                "    | last line", Optional.of(new BootEvidence(tmp.resolve("default-1.console.log"), state)));
        SoakFailure failure = SoakFailure.of("measured", 7, e);
        assertTrue(failure.hang());
        assertEquals(7, failure.boot());
        assertEquals("vCPU 0: RIP=ffffffff81e0b6ab RFL=00000246 HLT=1\nvCPU 1: RIP=ffffffff81e0b6ab RFL=00000246 HLT=1",
                failure.whereVcpusWere());
        assertTrue(failure.consoleTail().contains("last line"), failure.consoleTail());
    }

    @Test
    void aPanicIsAFailureButNotAHang() {
        SoakFailure failure = SoakFailure.of("load", 0,
                new BootException("default", "Kernel panic - not syncing: IO-APIC + timer doesn't work!", "    | panic"));
        assertFalse(failure.hang());
        assertEquals("", failure.whereVcpusWere());
        assertEquals("load", failure.role());
    }

    @Test
    void anyOtherErrorKeepsItsFirstLine() {
        SoakFailure failure = SoakFailure.of("measured", 3, new IOException("cannot start qemu\nmore"));
        assertEquals("cannot start qemu", failure.reason());
        assertFalse(failure.hang());
    }
}
