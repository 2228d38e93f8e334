package dev.kbench.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of an unpacked kernel package: {@code boot/vmlinuz-VERSION} beside
 * {@code lib/modules/VERSION}. Lets a kernel named by path find its modules on its own.
 */
final class PackageTree {

    private PackageTree() {
    }

    /** The kernel of a package unpacked at {@code root}, with its modules. */
    static Optional<Kernel> kernelIn(Path root) throws IOException {
        Path boot = root.resolve("boot");
        if (!Files.isDirectory(boot)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(boot)) {
            Optional<Path> image = files.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).sorted().findFirst();
            return image.map(p -> {
                Kernel kernel = Kernel.atPath(p);
                return modulesBeside(p).map(kernel::withModules).orElse(kernel);
            });
        }
    }

    /**
     * {@code ../lib/modules/VERSION} for an image at {@code boot/vmlinuz-VERSION} (or the
     * {@code boot/vmlinux-VERSION} kbench extracts from it), if it exists.
     */
    static Optional<Path> modulesBeside(Path image) {
        String file = image.getFileName().toString();
        Path boot = image.toAbsolutePath().getParent();
        if (!(file.startsWith("vmlinuz-") || file.startsWith("vmlinux-")) || boot == null || boot.getParent() == null) {
            return Optional.empty();
        }
        Path modules = boot.getParent().resolve("lib/modules").resolve(file.substring("vmlinuz-".length()));
        return Files.isDirectory(modules) ? Optional.of(modules) : Optional.empty();
    }
}
