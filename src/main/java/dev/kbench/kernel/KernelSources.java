package dev.kbench.kernel;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the kernels named on a command line come from, beyond paths: the variants, the kernel
 * {@code default} stands for when not Debian's, and the modules of kernels not unpacked from a
 * package.
 */
public record KernelSources(Variants variants, Optional<Path> defaultKernel, Optional<Path> modules) {

    public static final KernelSources DEBIAN = new KernelSources(Variants.NONE, Optional.empty(), Optional.empty());

    public KernelSources {
        Objects.requireNonNull(variants, "variants");
        Objects.requireNonNull(defaultKernel, "defaultKernel");
        Objects.requireNonNull(modules, "modules");
    }

    public KernelSources withVariants(Variants more) {
        return new KernelSources(variants.and(more), defaultKernel, modules);
    }

    public KernelSources withModules(Optional<Path> folder) {
        return new KernelSources(variants, defaultKernel, folder.isPresent() ? folder : modules);
    }
}
