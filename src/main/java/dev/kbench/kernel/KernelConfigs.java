package dev.kbench.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Finds the configuration a kernel image was built with, to decide how to boot it: a file
 * beside it ({@code IMAGE.config}, as {@code kbench kernel build} leaves; Debian's
 * {@code config-VERSION} beside {@code vmlinuz-VERSION}), else the configuration embedded
 * with {@code CONFIG_IKCONFIG}, found in an uncompressed vmlinux or inside a gzip bzImage.
 */
public final class KernelConfigs {

    /** A kernel's configuration and where it was read from, for the boot log. */
    public record Found(KconfigFile config, String from) {
    }

    private static final byte[] IKCONFIG_START = "IKCFG_ST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
    /** Kernels are small; a file larger than this is not read whole looking for an embedded config. */
    private static final long MAX_SCAN = 512L << 20;

    private KernelConfigs() {
    }

    public static Optional<Found> of(Path image) {
        try {
            Path beside = image.resolveSibling(image.getFileName() + ".config");
            if (Files.isRegularFile(beside)) {
                return Optional.of(new Found(KconfigFile.read(beside), beside.toString()));
            }
            String name = image.getFileName().toString();
            if (name.startsWith("vmlinuz-") || name.startsWith("vmlinux-")) {
                Path debian = image.resolveSibling("config-" + name.substring("vmlinuz-".length()));
                if (Files.isRegularFile(debian)) {
                    return Optional.of(new Found(KconfigFile.read(debian), debian.toString()));
                }
            }
            if (!Files.isRegularFile(image) || Files.size(image) > MAX_SCAN) {
                return Optional.empty();
            }
            return embedded(Files.readAllBytes(image)).map(config -> new Found(config, "the config embedded in " + image));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The IKCONFIG of an uncompressed kernel, or of the first gzip stream in a bzImage that holds one. */
    static Optional<KconfigFile> embedded(byte[] image) throws IOException {
        Optional<KconfigFile> direct = ikconfig(image);
        if (direct.isPresent()) {
            return direct;
        }
        for (int at = indexOf(image, GZIP_MAGIC, 0); at >= 0; at = indexOf(image, GZIP_MAGIC, at + 1)) {
            Optional<byte[]> payload = gunzip(image, at);
            if (payload.isPresent() && payload.get().length > 1 << 20) {
                return ikconfig(payload.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<KconfigFile> ikconfig(byte[] data) throws IOException {
        int start = indexOf(data, IKCONFIG_START, 0);
        if (start < 0) {
            return Optional.empty();
        }
        Optional<byte[]> text = gunzip(data, start + IKCONFIG_START.length);
        return text.map(bytes -> KconfigFile.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    private static Optional<byte[]> gunzip(byte[] data, int offset) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data, offset, data.length - offset))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            // not a gzip stream after all, or trailing bytes after one: what was read may still do
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
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
