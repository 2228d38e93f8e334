package dev.kbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where kbench keeps what it downloads or builds once and reuses (kernels, guest binaries,
 * initramfs images, the KVM probe's verdict): {@code $KBENCH_CACHE}, else
 * {@code $XDG_CACHE_HOME/kbench}, else {@code ~/.cache/kbench}. JMH forks resolve the same
 * folder, which is how they find what the parent prepared.
 */
public record CacheDirectory(Path root) {

    public static CacheDirectory fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    public static CacheDirectory fromEnvironment(Map<String, String> env, String home) {
        String explicit = env.get("KBENCH_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return new CacheDirectory(Path.of(explicit));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new CacheDirectory(Path.of(xdg, "kbench"));
        }
        return new CacheDirectory(Path.of(home, ".cache", "kbench"));
    }

    /** A sub-folder of the cache, created if missing. */
    public Path folder(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }
}
