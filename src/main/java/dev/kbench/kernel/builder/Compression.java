package dev.kbench.kernel.builder;

import java.util.Locale;

/**
 * How the bootstrap loader's payload is compressed ({@code CONFIG_KERNEL_*}). Linux 6.1 has no
 * uncompressed bzImage: {@code none} is the uncompressed {@code vmlinux} itself, which QEMU boots
 * directly by PVH, skipping the bootstrap loader (the suite's "direct boot").
 */
public enum Compression {
    GZIP, XZ, LZMA, BZIP2, LZO, LZ4, ZSTD, NONE;

    public static Compression parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compression '" + text + "': use gzip, xz, lzma, bzip2, lzo, lz4, zstd or none");
        }
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Kconfig symbol that chooses it, without {@code CONFIG_}; NONE has none. */
    String symbol() {
        return "KERNEL_" + name();
    }

    /** The host program the kernel's build runs to compress with it. */
    String tool() {
        return switch (this) {
            case GZIP -> "gzip";
            case XZ, LZMA -> "xz";
            case BZIP2 -> "bzip2";
            case LZO -> "lzop";
            case LZ4 -> "lz4";
            case ZSTD -> "zstd";
            case NONE -> "true";
        };
    }

    /** The Debian package of {@link #tool()}. */
    String packageName() {
        return switch (this) {
            case XZ, LZMA -> "xz-utils";
            case LZO -> "lzop";
            case NONE -> "coreutils";
            default -> tool();
        };
    }
}
