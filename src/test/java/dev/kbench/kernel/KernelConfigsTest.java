package dev.kbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigsTest {

    @TempDir
    Path tmp;

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aConfigBesideTheImageWins() throws Exception {
        Path image = Files.write(tmp.resolve("bzImage-small"), new byte[] {1, 2, 3});
        Files.writeString(tmp.resolve("bzImage-small.config"), "# CONFIG_ACPI is not set\nCONFIG_VIRTIO_BLK=y\n");
        KernelConfigs.Found found = KernelConfigs.of(image).orElseThrow();
        assertFalse(found.config().enabled("ACPI"));
        assertTrue(found.config().enabled("VIRTIO_BLK"));
        assertEquals(tmp.resolve("bzImage-small.config").toString(), found.from());
    }

    @Test
    void theEmbeddedConfigIsFoundInAVmlinuxAndInsideAGzipPayload() throws Exception {
        byte[] ikconfig = concat("junk IKCFG_ST".getBytes(StandardCharsets.US_ASCII),
                gzip("CONFIG_64BIT=y\n# CONFIG_BLK_DEV_INITRD is not set\n".getBytes(StandardCharsets.UTF_8)),
                "IKCFG_ED more junk".getBytes(StandardCharsets.US_ASCII));
        Optional<KconfigFile> direct = KernelConfigs.embedded(ikconfig);
        assertEquals("n", direct.orElseThrow().get("BLK_DEV_INITRD"));
        // a bzImage: setup code, then the gzip payload (bigger than 1 MiB once inflated) holding the kernel
        byte[] kernel = concat(new byte[2 << 20], ikconfig);
        byte[] bzImage = concat(new byte[4096], gzip(kernel), new byte[] {9, 9, 9, 9});
        assertEquals("y", KernelConfigs.embedded(bzImage).orElseThrow().get("64BIT"));
    }

    @Test
    void noConfigAnywhereIsEmpty() throws Exception {
        Path image = Files.write(tmp.resolve("bzImage"), new byte[4096]);
        assertEquals(Optional.empty(), KernelConfigs.of(image));
    }
}
