package dev.kbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelResolverTest {

    @TempDir
    Path tmp;

    /** An unpacked package's layout: boot/vmlinuz-V beside lib/modules/V. */
    private Path packageTree() throws IOException {
        byte[] bz = new byte[0x300];
        bz[0x202] = 'H';
        bz[0x203] = 'd';
        bz[0x204] = 'r';
        bz[0x205] = 'S';
        Files.createDirectories(tmp.resolve("pkg/boot"));
        Files.createDirectories(tmp.resolve("pkg/lib/modules/6.1.0-9-cloud-amd64"));
        return Files.write(tmp.resolve("pkg/boot/vmlinuz-6.1.0-9-cloud-amd64"), bz);
    }

    private KernelResolver resolver(Map<String, String> variants, Optional<Path> defaultKernel) {
        return new KernelResolver(variants, new DebianKernelPackage(tmp.resolve("cache"), new PrintStream(PrintStream.nullOutputStream())),
                defaultKernel, Optional.empty());
    }

    @Test
    void readsVariantsWithCommasInTheirCommandLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("variants.conf"), """
                # LSM variants of one kernel
                stock = default
                landlock-only = /boot/vmlinuz lsm=landlock,lockdown nokaslr

                """);
        Map<String, String> variants = Variants.read(file).definitions();
        assertEquals(Map.of("stock", "default", "landlock-only", "/boot/vmlinuz lsm=landlock,lockdown nokaslr"), variants);
    }

    @Test
    void aMalformedVariantLineNamesItsLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("variants.conf"), "ok = default\nbroken line\n");
        IOException e = assertThrows(IOException.class, () -> Variants.read(file));
        assertEquals(file + ":2: expected 'name = KERNEL [ARGS...]', got: broken line", e.getMessage());
    }

    @Test
    void aVariantIsTheKernelWithItsCommandLineUnderItsOwnName() throws Exception {
        Path image = packageTree();
        Kernel kernel = resolver(Map.of("caponly", image + " lsm=capability"), Optional.empty()).resolve("caponly");
        assertEquals("caponly", kernel.name());
        assertEquals(image, kernel.image());
        assertEquals("lsm=capability", kernel.extraCmdline());
        assertEquals(Optional.of(tmp.resolve("pkg/lib/modules/6.1.0-9-cloud-amd64").toAbsolutePath()), kernel.modules());
    }

    @Test
    void defaultCanBeOverriddenAndAPathIsNamedAsGiven() throws Exception {
        Path image = packageTree();
        KernelResolver resolver = resolver(Map.of("base", "default"), Optional.of(image));
        assertEquals(image, resolver.resolve("default").image());
        assertEquals("base", resolver.resolve("base").name());
        assertEquals(image.toString(), resolver.resolve(image.toString()).name());
    }

    @Test
    void anUnknownNameIsAMissingKernel() {
        InvalidKernelException e = assertThrows(InvalidKernelException.class, () -> resolver(Map.of(), Optional.empty()).resolve("nosuch"));
        assertTrue(e.getMessage().startsWith("kernel not found: nosuch"), e.getMessage());
    }
}
