package dev.kbench.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds kernel modules in a {@code lib/modules/<version>} tree and orders them so each comes
 * after the modules it depends on. Dependencies are read from each module's own
 * {@code .modinfo} ({@code depends=...}), so no {@code modules.dep} (written by depmod at
 * install time, absent from an extracted package) is needed.
 */
public final class KernelModules {

    private static final byte[] DEPENDS = "depends=".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Path> byName;

    private KernelModules(Map<String, Path> byName) {
        this.byName = byName;
    }

    public static KernelModules scan(Path modulesRoot) throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(modulesRoot)) {
            files.filter(p -> p.getFileName().toString().endsWith(".ko")).forEach(p -> byName.putIfAbsent(nameOf(p), p));
        }
        return new KernelModules(byName);
    }

    /** The module name of a {@code .ko} file: the kernel treats '-' and '_' alike. */
    static String nameOf(Path ko) {
        String file = ko.getFileName().toString();
        return normalize(file.substring(0, file.length() - ".ko".length()));
    }

    private static String normalize(String name) {
        return name.replace('-', '_');
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public boolean contains(String module) {
        return byName.containsKey(normalize(module));
    }

    /**
     * The files to load for {@code wanted}, dependencies first. A module the tree lacks is
     * skipped (it is likely built in); the caller decides whether that is fatal.
     */
    public List<Path> loadOrder(List<String> wanted) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String module : wanted) {
            visit(normalize(module), ordered, new LinkedHashSet<>());
        }
        List<Path> files = new ArrayList<>();
        for (String module : ordered) {
            files.add(byName.get(module));
        }
        return files;
    }

    private void visit(String module, Set<String> ordered, Set<String> path) {
        Path file = byName.get(module);
        if (file == null || ordered.contains(module) || !path.add(module)) {
            return;
        }
        for (String dependency : dependsOf(file)) {
            visit(dependency, ordered, path);
        }
        ordered.add(module);
    }

    static List<String> dependsOf(Path ko) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(ko);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel module " + ko, e);
        }
        int at = indexOf(bytes, DEPENDS);
        if (at < 0) {
            return List.of();
        }
        int start = at + DEPENDS.length;
        int end = start;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        String list = new String(bytes, start, end - start, StandardCharsets.US_ASCII);
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                names.add(normalize(name.trim()));
            }
        }
        return names;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            // .modinfo strings start right after a NUL: avoids matching "xdepends=" elsewhere
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
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
