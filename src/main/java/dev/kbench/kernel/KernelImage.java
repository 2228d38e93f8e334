package dev.kbench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What kind of boot image a file is, checked before QEMU is ever started on it. */
public enum KernelImage {
    /** A compressed kernel with the x86 boot protocol header, booted through its bootstrap loader. */
    BZIMAGE,
    /** An uncompressed ELF vmlinux, booted by QEMU through PVH. */
    VMLINUX;

    /** Inspects {@code file}; a missing file or one that is no kernel gets a one-line reason. */
    public static KernelImage inspect(Path file) throws InvalidKernelException {
        if (!Files.exists(file)) {
            throw new InvalidKernelException("kernel not found: " + file + " (give the path of a bzImage or vmlinux)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidKernelException("kernel is not a readable file: " + file);
        }
        byte[] head = new byte[0x206];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidKernelException("cannot read kernel " + file + ": " + e.getMessage());
        }
        if (read >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return VMLINUX;
        }
        if (read >= 0x206 && head[0x202] == 'H' && head[0x203] == 'd' && head[0x204] == 'r' && head[0x205] == 'S') {
            return BZIMAGE;
        }
        throw new InvalidKernelException("not a kernel image (neither a bzImage boot header nor ELF): " + file);
    }
}
