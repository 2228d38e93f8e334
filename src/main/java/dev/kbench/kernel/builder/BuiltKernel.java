package dev.kbench.kernel.builder;

import java.nio.file.Path;

/**
 * One kernel a build left in the cache: its name ({@code small-kaslr-gzip}), the image QEMU
 * boots (a bzImage, or the vmlinux for {@link Compression#NONE}) and the configuration it was
 * built with, beside it as {@code IMAGE.config}, which kbench reads to decide how to boot it.
 */
public record BuiltKernel(String name, Path image, Compression compression, Kaslr kaslr) {

    /** Where kbench keeps the configuration of a kernel it built: {@code IMAGE.config}. */
    public static Path configOf(Path image) {
        return image.resolveSibling(image.getFileName() + ".config");
    }

    public Path config() {
        return configOf(image);
    }
}
