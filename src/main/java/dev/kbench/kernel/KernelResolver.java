package dev.kbench.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a user writes for a kernel (in {@code -k} or JMH's {@code -p kernel=}) into a
 * {@link Kernel}. In order: a variant name ({@link Variants}), {@code default} (the Debian
 * cloud kernel, or the one {@link KernelSources} names instead), or a path to a bzImage or vmlinux.
 */
public final class KernelResolver {

    private final Map<String, String> variants;
    private final DebianKernelPackage debian;
    private final Optional<Path> defaultOverride;
    private final Optional<Path> modulesOverride;

    public KernelResolver(Map<String, String> variants, DebianKernelPackage debian,
            Optional<Path> defaultOverride, Optional<Path> modulesOverride) {
        this.variants = Map.copyOf(variants);
        this.debian = debian;
        this.defaultOverride = defaultOverride;
        this.modulesOverride = modulesOverride;
    }

    /** The resolver for {@code sources}, with Debian's kernel package cached in {@code kernelsCache}. */
    public static KernelResolver of(KernelSources sources, Path kernelsCache, java.io.PrintStream log) {
        return new KernelResolver(sources.variants().definitions(), new DebianKernelPackage(kernelsCache, log), sources.defaultKernel(),
                sources.modules());
    }

    public Kernel resolve(String spec) throws IOException, InvalidKernelException {
        String definition = variants.get(spec);
        if (definition != null) {
            String[] parts = definition.split("\\s+", 2);
            Kernel base = resolveImage(parts[0]);
            return (parts.length > 1 ? base.withCmdline(parts[1]) : base).named(spec);
        }
        return resolveImage(spec).named(spec);
    }

    private Kernel resolveImage(String spec) throws IOException, InvalidKernelException {
        Kernel kernel;
        if (spec.equals("default")) {
            kernel = defaultOverride.isPresent() ? atPath(defaultOverride.get()) : debian.defaultKernel();
        } else {
            kernel = atPath(Path.of(spec));
        }
        KernelImage.inspect(kernel.image());
        return modulesOverride.map(kernel::withModules).orElse(kernel);
    }

    private static Kernel atPath(Path image) {
        Kernel kernel = Kernel.atPath(image);
        return PackageTree.modulesBeside(image).map(kernel::withModules).orElse(kernel);
    }
}
