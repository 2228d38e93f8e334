package dev.kbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelImageTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingKernelIsNamedWithWhatToGive() {
        Path missing = tmp.resolve("no-such-bzImage");
        InvalidKernelException e = assertThrows(InvalidKernelException.class, () -> KernelImage.inspect(missing));
        assertEquals("kernel not found: " + missing + " (give the path of a bzImage or vmlinux)", e.getMessage());
    }

    @Test
    void aFileThatIsNoKernelIsRefused() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "this is not a kernel\n".repeat(100));
        InvalidKernelException e = assertThrows(InvalidKernelException.class, () -> KernelImage.inspect(text));
        assertEquals("not a kernel image (neither a bzImage boot header nor ELF): " + text, e.getMessage());
    }

    @Test
    void aDirectoryIsRefused() {
        assertThrows(InvalidKernelException.class, () -> KernelImage.inspect(tmp));
    }

    @Test
    void recognisesTheBootProtocolHeaderAndElf() throws Exception {
        byte[] bz = new byte[0x300];
        bz[0x202] = 'H';
        bz[0x203] = 'd';
        bz[0x204] = 'r';
        bz[0x205] = 'S';
        assertEquals(KernelImage.BZIMAGE, KernelImage.inspect(Files.write(tmp.resolve("bzImage"), bz)));
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        assertEquals(KernelImage.VMLINUX, KernelImage.inspect(Files.write(tmp.resolve("vmlinux"), elf)));
    }
}
