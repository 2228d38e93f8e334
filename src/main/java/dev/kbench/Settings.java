package dev.kbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the environment says, read once at kbench's edge (the command line's {@code main}, or a
 * JMH fork started without kbench's hand-off) and passed on as a value from there. The
 * variables are documented in README.md; an empty one counts as unset.
 *
 * @param kernel {@code $KBENCH_KERNEL}: the kernel {@code default} stands for, instead of Debian's
 * @param variants {@code $KBENCH_VARIANTS}: a file of kernel variants
 * @param modules {@code $KBENCH_MODULES}: lib/modules/VERSION of the kernels
 * @param qemuPluginHeader {@code $KBENCH_QEMU_PLUGIN_HEADER}: the {@code qemu-plugin.h} of a QEMU that is
 *                         not Debian's, to build kbench's TCG plugin against
 */
public record Settings(CacheDirectory cache, Optional<Path> kernel, Optional<Path> variants, Optional<Path> modules,
        Optional<Path> runLog, Optional<Path> bootLog, Optional<Duration> bootTimeout, Optional<Duration> runTimeout,
        Optional<Path> key, Optional<Path> qemuPluginHeader, Path home) {

    public static Settings fromEnvironment() {
        return of(System.getenv(), System.getProperty("user.home"));
    }

    public static Settings of(Map<String, String> env, String home) {
        return new Settings(CacheDirectory.fromEnvironment(env, home), path(env, "KBENCH_KERNEL"), path(env, "KBENCH_VARIANTS"),
                path(env, "KBENCH_MODULES"), path(env, "KBENCH_RUN_LOG"), path(env, "KBENCH_BOOT_LOG"),
                seconds(env, "KBENCH_BOOT_TIMEOUT"), seconds(env, "KBENCH_RUN_TIMEOUT"), path(env, "KBENCH_KEY"),
                path(env, "KBENCH_QEMU_PLUGIN_HEADER"), Path.of(home));
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Path> path(Map<String, String> env, String name) {
        return get(env, name).map(Path::of);
    }

    private static Optional<Duration> seconds(Map<String, String> env, String name) {
        return get(env, name).map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("$" + name + " must be a number of seconds, not '" + value + "'");
            }
        });
    }
}
