package dev.kbench.vm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The files a failed boot leaves behind, outside the VM's own folder (which is deleted when the
 * VM closes): the guest's console and QEMU's state at the moment of failure.
 *
 * @param console {@code <kernel>-<n>.console.log}: the serial console, its last {@value #CONSOLE_CAP} bytes at most
 * @param qemuState {@code <kernel>-<n>.qemu-state.txt}: why the boot failed, what the host heard, and QEMU's answers
 */
public record BootEvidence(Path console, Path qemuState) {

    /** A console that floods (a kernel printing in a loop) is cut at its start: the end tells where it stopped. */
    static final int CONSOLE_CAP = 4 << 20;

    /**
     * Writes both files into {@code folder} (created if needed) under the first free number
     * {@code n}, claimed atomically so that two processes sharing a folder never overwrite each other.
     */
    static BootEvidence keep(Path folder, String kernelName, Path console, String qemuState) throws IOException {
        Files.createDirectories(folder);
        String stem = fileStem(kernelName);
        for (int n = 1; ; n++) {
            Path state = folder.resolve(stem + "-" + n + ".qemu-state.txt");
            try {
                Files.writeString(state, qemuState, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            Path consoleCopy = folder.resolve(stem + "-" + n + ".console.log");
            copyTail(console, consoleCopy, CONSOLE_CAP);
            return new BootEvidence(consoleCopy, state);
        }
    }

    /** A kernel's name may be a path: its last part, with anything unusual in a file name replaced. */
    static String fileStem(String kernelName) {
        String last = kernelName.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        String stem = last.replaceAll("[^A-Za-z0-9._+-]", "_");
        return stem.isEmpty() || stem.startsWith(".") ? "kernel" + stem : stem;
    }

    private static void copyTail(Path from, Path to, int cap) throws IOException {
        try (OutputStream out = Files.newOutputStream(to)) {
            if (!Files.exists(from)) {
                return; // QEMU died before it made the console: an empty file says so
            }
            try (RandomAccessFile in = new RandomAccessFile(from.toFile(), "r")) {
                long skip = Math.max(0, in.length() - cap);
                if (skip > 0) {
                    out.write(("[kbench: the first " + skip + " bytes of the console are left out]\n").getBytes(StandardCharsets.UTF_8));
                }
                in.seek(skip);
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            }
        }
    }
}
