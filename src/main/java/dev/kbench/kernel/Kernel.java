package dev.kbench.kernel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel under test: the name results are reported under, the boot image, extra kernel
 * command-line arguments that make it a variant (e.g. {@code lsm=capability}), and the
 * {@code lib/modules/<version>} tree its modular drivers come from, if known.
 */
public record Kernel(String name, Path image, String extraCmdline, Optional<Path> modules) {

    public Kernel {
        extraCmdline = extraCmdline == null ? "" : extraCmdline.trim();
    }

    public static Kernel atPath(Path image) {
        return new Kernel(image.toString(), image, "", Optional.empty());
    }

    public Kernel named(String newName) {
        return new Kernel(newName, image, extraCmdline, modules);
    }

    public Kernel withCmdline(String extra) {
        return new Kernel(name, image, (extraCmdline + " " + extra).trim(), modules);
    }

    public Kernel withModules(Path modulesRoot) {
        return new Kernel(name, image, extraCmdline, Optional.of(modulesRoot));
    }
}
