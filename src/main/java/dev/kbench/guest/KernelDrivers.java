package dev.kbench.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which drivers a packaged kernel has, built in or as modules, read from its
 * {@code lib/modules/<version>} tree ({@code modules.builtin} lists the built-in ones). Lets a
 * disk-image boot refuse at once a kernel that could never see its disk or network card,
 * instead of waiting for an SSH server that cannot come up.
 */
public final class KernelDrivers {

    private KernelDrivers() {
    }

    /**
     * The drivers of {@code wanted} that the tree has neither as a module nor built in. Empty
     * when the tree has no {@code modules.builtin} to tell (nothing is then known to be missing).
     */
    public static List<String> missing(Path modulesRoot, List<String> wanted) throws IOException {
        Path builtinList = modulesRoot.resolve("modules.builtin");
        if (!Files.isRegularFile(builtinList)) {
            return List.of();
        }
        Set<String> builtIn = new HashSet<>();
        for (String line : Files.readAllLines(builtinList)) {
            if (line.endsWith(".ko")) {
                builtIn.add(KernelModules.nameOf(Path.of(line.strip())));
            }
        }
        KernelModules modules = KernelModules.scan(modulesRoot);
        List<String> missing = new ArrayList<>();
        for (String driver : wanted) {
            if (!modules.contains(driver) && !builtIn.contains(driver.replace('-', '_'))) {
                missing.add(driver);
            }
        }
        return missing;
    }
}
