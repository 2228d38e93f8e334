package dev.kbench.kernel;

import dev.kbench.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a user writes for a kernel (in {@code -k} or JMH's {@code -p kernel=}) into a
 * {@link Kernel}. In order: a variant name from the variants file, {@code default} (the
 * Debian cloud kernel, or {@code $KBENCH_KERNEL}), or a path to a bzImage or vmlinux.
 *
 * <p>A variants file defines one kernel per line as {@code name = KERNEL [ARGS...]}, KERNEL
 * being {@code default} or a path and ARGS extra kernel command-line arguments. It exists
 * because JMH splits {@code -p} values on commas and {@code lsm=} lists contain commas: a
 * variant is defined once and referred to by its name everywhere.
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

    /**
     * The resolver every kbench process builds the same way: variants from
     * {@code $KBENCH_VARIANTS}, the default kernel from {@code $KBENCH_KERNEL} or the cache,
     * modules from {@code $KBENCH_MODULES}. JMH forks inherit the environment, so they agree.
     */
    public static KernelResolver fromEnvironment(Path kernelsCache, java.io.PrintStream log) throws IOException {
        Map<String, String> variants = Map.of();
        Optional<String> variantsFile = Settings.get("KBENCH_VARIANTS");
        if (variantsFile.isPresent()) {
            variants = readVariants(Path.of(variantsFile.get()));
        }
        return new KernelResolver(variants, new DebianKernelPackage(kernelsCache, log),
                Settings.get("KBENCH_KERNEL").map(Path::of),
                Settings.get("KBENCH_MODULES").map(Path::of));
    }

    public static Map<String, String> readVariants(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("kernel variants file not found: " + file);
        }
        Map<String, String> variants = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || line.substring(equals + 1).isBlank()) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'name = KERNEL [ARGS...]', got: " + line);
            }
            String name = line.substring(0, equals).strip();
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                throw new IOException(file + ":" + (i + 1) + ": a variant name may hold letters, digits and _.+- only: " + name);
            }
            variants.put(name, line.substring(equals + 1).strip());
        }
        return variants;
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
