package dev.kbench.kernel;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Takes the uncompressed kernel out of an lz4 bzImage (Debian's cloud kernels are lz4): the
 * payload is an lz4 stream in the legacy format, starting at the magic {@code 02 21 4c 18}.
 * The result is the ELF vmlinux that QEMU boots directly by PVH, skipping the bootstrap loader.
 */
public final class VmlinuxExtractor {

    private static final byte[] LZ4_LEGACY_MAGIC = {0x02, 0x21, 0x4c, 0x18};

    private VmlinuxExtractor() {
    }

    public static Path extract(Path bzImage, Path vmlinux) throws IOException, InvalidKernelException {
        if (KernelImage.inspect(bzImage) != KernelImage.BZIMAGE) {
            throw new InvalidKernelException(bzImage + " is already an uncompressed ELF kernel");
        }
        byte[] image = Files.readAllBytes(bzImage);
        int start = indexOf(image, LZ4_LEGACY_MAGIC);
        if (start < 0) {
            throw new InvalidKernelException("no lz4 stream in " + bzImage + ": kbench extracts lz4-compressed kernels only"
                    + " (Debian's); give the vmlinux of another kernel directly");
        }
        Path parent = vmlinux.toAbsolutePath().getParent();
        Path stream = Files.createTempFile(parent, ".payload", ".lz4");
        Path output = Files.createTempFile(parent, ".vmlinux", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(stream)) {
                out.write(image, start, image.length - start);
            }
            ProcessResult result = new ProcessExecutor("lz4", "-d", "-f", "-q", stream.toString(), output.toString())
                    .readOutput(true).timeout(2, TimeUnit.MINUTES).execute();
            // the bzImage goes on after the stream (its size field, then the rest): lz4 decodes the
            // stream completely and then complains about what follows, so the ELF header decides
            if (!isElf(output)) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "lz4 could not decompress the kernel in " + bzImage + ": " + result.outputUTF8().strip());
            }
            return Files.move(output, vmlinux, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "lz4 did not finish decompressing " + bzImage, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while decompressing " + bzImage, e);
        } finally {
            Files.deleteIfExists(stream);
            Files.deleteIfExists(output);
        }
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
