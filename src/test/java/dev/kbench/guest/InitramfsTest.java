package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitramfsTest {

    @TempDir
    Path tmp;

    private static Map<String, CpioArchiveEntry> entries(byte[] archive, Map<String, byte[]> contents) throws IOException {
        Map<String, CpioArchiveEntry> entries = new LinkedHashMap<>();
        try (CpioArchiveInputStream in = new CpioArchiveInputStream(new ByteArrayInputStream(archive))) {
            CpioArchiveEntry entry;
            while ((entry = in.getNextCPIOEntry()) != null) {
                assertEquals(CpioConstants.FORMAT_NEW, entry.getFormat());
                entries.put(entry.getName(), entry);
                contents.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void writesFilesWithModesAndTheirParentDirectories() throws IOException {
        Path agent = Files.write(tmp.resolve("agent"), new byte[] {0x7f, 'E', 'L', 'F'});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Initramfs.builder()
                .file("/init", agent, 0755)
                .bytes("lib/modules/kbench/order", "virtio.ko\n".getBytes(StandardCharsets.UTF_8), 0644)
                .writeTo(out);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, CpioArchiveEntry> entries = entries(out.toByteArray(), contents);

        assertEquals(0100755, entries.get("init").getMode());
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, contents.get("init"));
        assertEquals(0100644, entries.get("lib/modules/kbench/order").getMode());
        assertEquals("virtio.ko\n", new String(contents.get("lib/modules/kbench/order"), StandardCharsets.UTF_8));
        for (String dir : new String[] {"lib", "lib/modules", "lib/modules/kbench", "dev", "proc", "sys", "tmp", "bin"}) {
            assertTrue(entries.containsKey(dir), dir + " missing");
            assertEquals(040755, entries.get(dir).getMode(), dir);
        }
        // a parent precedes its children, or the kernel cannot create them
        var names = new java.util.ArrayList<>(entries.keySet());
        assertTrue(names.indexOf("lib/modules/kbench") < names.indexOf("lib/modules/kbench/order"));
    }

    @Test
    void sameContentsGiveTheSameBytes() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        Initramfs.builder().bytes("b", new byte[] {1}, 0644).bytes("a/x", new byte[] {2}, 0600).writeTo(first);
        Initramfs.builder().bytes("a/x", new byte[] {2}, 0600).bytes("b", new byte[] {1}, 0644).writeTo(second);
        assertArrayEquals(first.toByteArray(), second.toByteArray());
    }

    @Test
    void inodesAreUnique() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Initramfs.builder().bytes("a", new byte[0], 0644).bytes("b", new byte[0], 0644).writeTo(out);
        Map<String, CpioArchiveEntry> entries = entries(out.toByteArray(), new LinkedHashMap<>());
        assertEquals(entries.size(), entries.values().stream().map(CpioArchiveEntry::getInode).distinct().count());
    }

    @Test
    void writesAtomicallyToAFile() throws IOException {
        Path target = tmp.resolve("initramfs.cpio");
        Initramfs.builder().bytes("init", new byte[] {1, 2}, 0755).writeTo(target);
        assertTrue(Files.size(target) > 0);
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesPathsOutsideTheArchive() {
        assertThrows(IllegalArgumentException.class, () -> Initramfs.builder().bytes("../etc/passwd", new byte[0], 0644));
        assertThrows(IllegalArgumentException.class, () -> Initramfs.builder().bytes("/", new byte[0], 0644));
    }
}
