package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelModulesTest {

    @TempDir
    Path tree;

    /** A file laid out like a module's .modinfo section: NUL-separated key=value strings. */
    private void module(String relative, String depends) throws IOException {
        Path file = tree.resolve(relative);
        Files.createDirectories(file.getParent());
        String modinfo = "\0license=GPL\0" + (depends == null ? "" : "depends=" + depends + "\0") + "name=x\0";
        Files.write(file, ("\u007fELF junk" + modinfo).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void ordersDependenciesFirst() throws IOException {
        module("kernel/drivers/virtio/virtio.ko", "");
        module("kernel/drivers/virtio/virtio_ring.ko", "virtio");
        module("kernel/drivers/virtio/virtio_pci_modern_dev.ko", "");
        module("kernel/drivers/virtio/virtio_pci_legacy_dev.ko", "");
        module("kernel/drivers/virtio/virtio_pci.ko", "virtio_pci_modern_dev,virtio_ring,virtio,virtio_pci_legacy_dev");
        module("kernel/drivers/char/virtio_console.ko", "virtio_ring,virtio");
        List<String> order = KernelModules.scan(tree).loadOrder(List.of("virtio_pci", "virtio_console")).stream()
                .map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("virtio_pci_modern_dev.ko", "virtio.ko", "virtio_ring.ko", "virtio_pci_legacy_dev.ko",
                "virtio_pci.ko", "virtio_console.ko"), order);
    }

    @Test
    void treatsDashAndUnderscoreAlikeAndSkipsModulesTheTreeLacks() throws IOException {
        module("kernel/drivers/char/hw_random/virtio-rng.ko", "virtio_ring");
        module("kernel/drivers/virtio/virtio_ring.ko", null);
        KernelModules modules = KernelModules.scan(tree);
        List<String> order = modules.loadOrder(List.of("virtio_rng", "built_in_thing")).stream()
                .map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("virtio_ring.ko", "virtio-rng.ko"), order);
        assertEquals(true, modules.contains("virtio-ring"));
    }

    @Test
    void survivesADependencyCycle() throws IOException {
        module("a.ko", "b");
        module("b.ko", "a");
        assertEquals(2, KernelModules.scan(tree).loadOrder(List.of("a")).size());
    }
}
