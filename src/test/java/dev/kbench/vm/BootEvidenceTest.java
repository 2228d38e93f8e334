package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootEvidenceTest {

    @TempDir
    Path tmp;

    @Test
    void aKernelPathBecomesAPlainFileName() {
        assertEquals("bzImage-6.1", BootEvidence.fileStem("/boot/x/bzImage-6.1"));
        assertEquals("default", BootEvidence.fileStem("default"));
        assertEquals("my_kernel", BootEvidence.fileStem("my kernel/"));
        assertEquals("kernel..", BootEvidence.fileStem("/a/.."));
    }

    @Test
    void eachFailureGetsTheNextNumberAndTheWholeConsole() throws Exception {
        Path console = Files.writeString(tmp.resolve("console.log"), "line 1\nline 2\n");
        BootEvidence first = BootEvidence.keep(tmp.resolve("out"), "/k/vmlinuz", console, "state 1");
        BootEvidence second = BootEvidence.keep(tmp.resolve("out"), "/k/vmlinuz", console, "state 2");
        assertEquals(tmp.resolve("out/vmlinuz-1.console.log"), first.console());
        assertEquals(tmp.resolve("out/vmlinuz-2.qemu-state.txt"), second.qemuState());
        assertEquals("state 1", Files.readString(first.qemuState()));
        assertEquals("line 1\nline 2\n", Files.readString(second.console()));
    }

    @Test
    void aFloodedConsoleKeepsItsTail() throws Exception {
        byte[] big = new byte[BootEvidence.CONSOLE_CAP + 100];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] end = "the last line\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(end, 0, big, big.length - end.length, end.length);
        Path console = Files.write(tmp.resolve("console.log"), big);
        BootEvidence kept = BootEvidence.keep(tmp, "default", console, "");
        String text = Files.readString(kept.console());
        assertTrue(text.startsWith("[kbench: the first 100 bytes of the console are left out]\n"), text.substring(0, 80));
        assertTrue(text.endsWith("the last line\n"));
        assertTrue(text.length() < BootEvidence.CONSOLE_CAP + 100);
    }

    @Test
    void aMissingConsoleLeavesAnEmptyFile() throws Exception {
        BootEvidence kept = BootEvidence.keep(tmp, "default", tmp.resolve("none.log"), "QEMU had exited");
        assertEquals("", Files.readString(kept.console()));
    }

    @Test
    void theSummaryNamesEachVcpusInstructionPointer() {
        String answers = """
                --- info registers -a
                CPU#0
                RAX=0000000000000000 RBX=0000000000000000
                RIP=ffffffff81e0b6ab RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=1
                ES =0000 0000000000000000 ffffffff 00c00000

                CPU#1
                EAX=00000000 EBX=00000000
                EIP=0000fff0 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0
                """;
        assertEquals("vCPU 0: RIP=ffffffff81e0b6ab RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=1\n"
                + "vCPU 1: EIP=0000fff0 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\n", QemuState.whereEachVcpuIs(answers));
        assertEquals("(no registers: QEMU's monitor gave none)\n", QemuState.whereEachVcpuIs("(QMP failed: refused)"));
    }
}
