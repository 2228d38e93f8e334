package dev.kbench.kernel.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.kernel.KconfigFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildConfigTest {

    @Test
    void theSmallConfigsAskForWhatTheGuestNeedsAndDifferOnlyInInitramfs() {
        Map<String, String> small = BuildConfig.small().overlay();
        assertEquals("y", small.get("VIRTIO_MMIO_CMDLINE_DEVICES"));
        assertEquals("y", small.get("VIRTIO_BLK"));
        assertEquals("n", small.get("ACPI"));
        assertEquals("n", small.get("MODULES"));
        assertEquals("y", small.get("BLK_DEV_INITRD"));
        assertEquals("n", BuildConfig.smallWithoutInitramfs().overlay().get("BLK_DEV_INITRD"));
        assertEquals("small-noinitrd", BuildConfig.parse("small-noinitrd").name());
        assertEquals("microvm-kernel-x86_64.config", BuildConfig.parse("/x/microvm-kernel-x86_64.config").name());
        assertEquals(Path.of("/x/my.config"), BuildConfig.parse("/x/my.config").userFile().orElseThrow());
    }

    @Test
    void unmetSymbolsAreNamedWithWhatTheyBecame() {
        KconfigFile after = KconfigFile.parse("CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_N=4\n");
        assertEquals(List.of("CONFIG_B=y (is n)", "CONFIG_C=y (is n)"), after.unmet(new java.util.LinkedHashMap<>(Map.of("A", "y")) {
            {
                put("B", "y");
                put("C", "y");
                put("N", "4");
            }
        }));
        assertEquals("CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_N=4\n# CONFIG_Z is not set\n", after.with(Map.of("Z", "n")).text());
    }
}
