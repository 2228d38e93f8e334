package dev.kbench.kernel.builder;

import dev.kbench.kernel.KconfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a kernel is built from: {@code make tinyconfig} with kbench's guest
 * requirements laid over it ({@code small}: a kernel kbench's agent boots as init from an
 * initramfs or a virtio-blk root; {@code small-noinitrd}: the same without initramfs support,
 * as Firecracker's kernels are), or a user's whole {@code .config} (e.g. Firecracker's
 * microvm config), which is kept as given except for the compression and KASLR.
 *
 * @param name how kernels built from it are named ({@code small}, or the file's name)
 * @param userFile the user's {@code .config}, or empty for tinyconfig plus {@code overlay}
 * @param overlay symbols laid over the base, then checked after {@code olddefconfig}
 */
public record BuildConfig(String name, Optional<Path> userFile, Map<String, String> overlay) {

    static final String GUEST_FRAGMENT = "kbench-guest.config";

    public static BuildConfig small() {
        return new BuildConfig("small", Optional.empty(), guestRequirements());
    }

    public static BuildConfig smallWithoutInitramfs() {
        return new BuildConfig("small-noinitrd", Optional.empty(),
                KconfigFile.parse(fragmentText()).with(Map.of("BLK_DEV_INITRD", "n")).values());
    }

    /** {@code small}, {@code small-noinitrd}, or the path of a {@code .config}. */
    public static BuildConfig parse(String text) {
        return switch (text.strip()) {
            case "small" -> small();
            case "small-noinitrd" -> smallWithoutInitramfs();
            default -> {
                Path file = Path.of(text.strip());
                String base = file.getFileName().toString().replaceAll("^\\.", "").replaceAll("[^A-Za-z0-9._-]", "_");
                yield new BuildConfig(base.isEmpty() ? "config" : base, Optional.of(file), Map.of());
            }
        };
    }

    /** What kbench's guest needs of a kernel, as kbench-guest.config says (tinyconfig leaves all of it out). */
    static Map<String, String> guestRequirements() {
        return KconfigFile.parse(fragmentText()).values();
    }

    static String fragmentText() {
        try (InputStream in = BuildConfig.class.getResourceAsStream(GUEST_FRAGMENT)) {
            if (in == null) {
                throw new IllegalStateException(GUEST_FRAGMENT + " is missing from kbench's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What identifies this configuration in the build cache: the overlay and the user's file's contents. */
    public String identity() throws IOException {
        StringBuilder id = new StringBuilder("config ").append(name).append('\n');
        overlay.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> id.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        if (userFile.isPresent()) {
            id.append(Files.readString(userFile.get(), StandardCharsets.UTF_8));
        }
        return id.toString();
    }
}
