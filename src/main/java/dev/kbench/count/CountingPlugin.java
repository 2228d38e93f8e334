package dev.kbench.count;

import dev.kbench.KbenchException;
import dev.kbench.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;

/**
 * kbench's TCG plugin, built for the QEMU that will load it: a shared library in the cache,
 * named by the hash of its source and of the header it was compiled against, so a QEMU upgrade
 * or a changed plugin builds a new one and never loads a stale one.
 *
 * @param library the {@code .so} QEMU loads with {@code -plugin}
 */
public record CountingPlugin(Path library) {

    static final String SOURCE_RESOURCE = "kbench_count.c";

    public CountingPlugin {
        Objects.requireNonNull(library, "library");
    }

    /**
     * The plugin for {@code qemuBinary}, built into {@code folder} the first time.
     *
     * @param header the user's {@code qemu-plugin.h} ({@code $KBENCH_QEMU_PLUGIN_HEADER}), or empty for Debian's
     */
    public static CountingPlugin prepare(String qemuBinary, Optional<Path> header, Path folder) throws IOException {
        if (!QemuBinary.loadsPlugins(qemuBinary)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, qemuBinary + " was built without plugin support (no -plugin"
                    + " option), so it cannot count instructions: use a QEMU configured with --enable-plugins, as Debian's is");
        }
        Path headerFile = PluginHeader.find(qemuBinary, header, folder);
        byte[] source = source();
        Path library = folder.resolve("kbench_count-" + hash(source, Files.readAllBytes(headerFile)) + ".so");
        if (!Files.isRegularFile(library)) {
            compile(source, headerFile, library);
        }
        CountingPlugin plugin = new CountingPlugin(library);
        // a header of another QEMU builds fine and is refused only when QEMU loads the plugin: say so here, not as a failed boot
        Path probe = Files.createTempFile(folder, "probe", ".counts");
        try {
            Optional<String> refused = QemuBinary.pluginLoadError(qemuBinary, plugin.qemuArguments(probe, false));
            if (refused.isPresent()) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, qemuBinary + " refuses kbench's TCG plugin built against " + headerFile
                        + " (" + refused.get() + "): build it against that QEMU's own include/qemu/qemu-plugin.h"
                        + (header.isPresent() ? " ($KBENCH_QEMU_PLUGIN_HEADER)" : ""));
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        return plugin;
    }

    /** The plugin for {@code qemuBinary}, kept in the cache's {@code qemu-plugin} folder; the header as {@code settings} say. */
    public static CountingPlugin prepare(String qemuBinary, Settings settings) throws IOException {
        return prepare(qemuBinary, settings.qemuPluginHeader(), settings.cache().folder("qemu-plugin"));
    }

    /** QEMU's {@code -plugin} argument: counts into {@code out}; with {@code functions}, per guest address inside windows too. */
    public List<String> qemuArguments(Path out, boolean functions) {
        String arg = library + ",out=" + out.toString().replace(",", ",,") + (functions ? ",functions=on" : "");
        return List.of("-plugin", arg);
    }

    private static byte[] source() throws IOException {
        try (InputStream in = CountingPlugin.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE_RESOURCE + " is missing from kbench's jar: rebuild kbench (./kbench build)");
            }
            return in.readAllBytes();
        }
    }

    private static String hash(byte[] source, byte[] header) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source);
            sha.update(header);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(byte[] source, Path header, Path library) throws IOException {
        Path dir = library.getParent();
        Path build = Files.createTempDirectory(dir, "build");
        try {
            Path c = Files.write(build.resolve(SOURCE_RESOURCE), source);
            // the header is included as <qemu-plugin.h>: a folder holding only it, whatever its file was called
            Files.copy(header, build.resolve("qemu-plugin.h"));
            Path so = build.resolve("kbench_count.so");
            Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-shared", "-fPIC", "-I", build.toString(), "-o", so.toString(),
                    c.toString()).redirectErrorStream(true).start();
            String log = ProcessText.of(gcc, gcc.getInputStream(), Duration.ofMinutes(2), "gcc building kbench's TCG plugin");
            if (gcc.exitValue() != 0) {
                String first = log.lines().filter(l -> l.contains("error")).findFirst().orElse(log.strip());
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "kbench's TCG plugin does not build against " + header
                        + " (" + first + "): is that QEMU's own plugin header?");
            }
            Files.move(so, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.list(build)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(build);
        }
    }
}
