package dev.kbench.guest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Writes an uncompressed {@code newc} cpio archive the kernel unpacks as its initramfs.
 * Parent directories are added on their own, and entries are written in path order so the
 * same contents always give the same bytes (and the same cache key).
 *
 * <pre>{@code
 * Initramfs.builder()
 *     .file("init", agentBinary, 0755)
 *     .file("bin/eventfd", workload, 0755)
 *     .bytes("lib/modules/kbench/order", order, 0644)
 *     .writeTo(cpio);
 * }</pre>
 */
public final class Initramfs {

    private Initramfs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private final Map<String, Entry> entries = new TreeMap<>();

        private Builder() {
            for (String dir : List.of("dev", "proc", "sys", "tmp", "bin")) {
                directory(dir);
            }
        }

        public Builder directory(String path) {
            String clean = clean(path);
            addParents(clean);
            entries.put(clean, new Entry(null, null, 0755, true));
            return this;
        }

        public Builder file(String path, Path source, int mode) {
            return put(path, new Entry(source, null, mode, false));
        }

        public Builder bytes(String path, byte[] content, int mode) {
            return put(path, new Entry(null, content.clone(), mode, false));
        }

        private Builder put(String path, Entry entry) {
            String clean = clean(path);
            addParents(clean);
            entries.put(clean, entry);
            return this;
        }

        private void addParents(String path) {
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !entries.containsKey(path.substring(0, slash))) {
                directory(path.substring(0, slash));
            }
        }

        private static String clean(String path) {
            String clean = path.replaceAll("^/+", "").replaceAll("/+$", "");
            if (clean.isEmpty() || List.of(clean.split("/")).contains("..")) {
                throw new IllegalArgumentException("not a path inside the initramfs: " + path);
            }
            return clean;
        }

        /** Writes the archive to {@code target} atomically (a temporary file, then a rename). */
        public Path writeTo(Path target) throws IOException {
            Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".initramfs", ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writeTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        public void writeTo(OutputStream out) throws IOException {
            // CpioArchiveOutputStream.close() also closes the stream it writes to; keep the caller's open.
            OutputStream unclosable = new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(unclosable, CpioConstants.FORMAT_NEW)) {
                long inode = 1;
                for (Map.Entry<String, Entry> item : entries.entrySet()) {
                    item.getValue().write(cpio, item.getKey(), inode++);
                }
                cpio.finish();
            }
        }

        /**
         * Writes the same contents as a folder tree instead of an archive (for a root file
         * system made with {@code mkfs.ext4 -d}); returns the total size of the files.
         */
        public long writeTree(Path root) throws IOException {
            long bytes = 0;
            for (Map.Entry<String, Entry> item : entries.entrySet()) {
                Path target = root.resolve(item.getKey());
                Entry entry = item.getValue();
                if (entry.directory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    byte[] data = entry.content() != null ? entry.content() : Files.readAllBytes(entry.source());
                    Files.write(target, data);
                    bytes += data.length;
                }
                Files.setPosixFilePermissions(target, permissions(entry.mode()));
            }
            return bytes;
        }

        private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> set = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
            java.nio.file.attribute.PosixFilePermission[] bits = java.nio.file.attribute.PosixFilePermission.values(); // OWNER_READ first
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (0400 >> i)) != 0) {
                    set.add(bits[i]);
                }
            }
            return set;
        }

        /** The paths this archive holds, in the order they are written. */
        public List<String> paths() {
            return new ArrayList<>(entries.keySet());
        }
    }

    private record Entry(Path source, byte[] content, int mode, boolean directory) {

        void write(CpioArchiveOutputStream cpio, String path, long inode) throws IOException {
            CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, path);
            entry.setInode(inode);
            entry.setTime(0); // reproducible archives
            if (directory) {
                entry.setMode(CpioConstants.C_ISDIR | mode);
                entry.setNumberOfLinks(2);
                cpio.putArchiveEntry(entry);
            } else {
                byte[] data = content != null ? content : Files.readAllBytes(source);
                entry.setMode(CpioConstants.C_ISREG | mode);
                entry.setNumberOfLinks(1);
                entry.setSize(data.length);
                cpio.putArchiveEntry(entry);
                cpio.write(data);
            }
            cpio.closeArchiveEntry();
        }
    }
}
