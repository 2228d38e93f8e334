package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kbench vmlinux}'s options and its one-line errors for files it cannot extract a kernel from. */
class VmlinuxCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheImageAndTheOutput() {
        String help = help("vmlinux");
        assertTrue(help.startsWith("Usage: kbench vmlinux [-hV] [-o=OUT] BZIMAGE\n"), help);
        assertTrue(describe(help, "--out").startsWith("-o, --out=OUT Where to write the kernel. Default: vmlinux-VERSION beside a vmlinuz-VERSION"), help);
    }

    @Test
    void theOutputIsDerivedWhenNotGiven() {
        VmlinuxCommand vmlinux = parse(VmlinuxCommand.class, "vmlinux", "boot/vmlinuz-6.1");
        assertEquals(Path.of("boot/vmlinuz-6.1"), vmlinux.bzImage);
        assertNull(vmlinux.output.out);
    }

    @Test
    void anImageIsRequired() {
        assertUsageError(execute("vmlinux"), "vmlinux", "Missing required parameter: 'BZIMAGE'");
    }

    @Test
    void aMissingImageIsOneLine() {
        assertOneLineError(execute("vmlinux", "/no/such"), ExitStatus.BAD_INPUT, "kernel not found: /no/such (give the path of a bzImage or vmlinux)");
    }

    @Test
    void aBzImageWithoutLz4IsOneLine() throws Exception {
        Path image = fakeBzImage();
        assertOneLineError(execute("vmlinux", image.toString(), "-o", tmp.resolve("vmlinux").toString()), ExitStatus.BAD_INPUT, "no lz4 stream in " + image
                + ": kbench extracts lz4-compressed kernels only (Debian's); give the vmlinux of another kernel directly");
        assertTrue(Files.notExists(tmp.resolve("vmlinux")));
    }

    @Test
    void anElfKernelIsAlreadyExtracted() throws Exception {
        Path elf = Files.write(tmp.resolve("vmlinux-6.1"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        assertOneLineError(execute("vmlinux", elf.toString(), "-o", tmp.resolve("out").toString()), ExitStatus.BAD_INPUT, elf + " is already an uncompressed ELF kernel");
    }
}
