package dev.kbench.count;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin API header ({@code qemu-plugin.h}) of the QEMU kbench runs. A plugin must be built
 * against its own QEMU's header (QEMU refuses another API version), and distributions do not
 * package it: for Debian's QEMU it comes from the same version's source in Debian's archive
 * (only the upstream tarball: no Debian patch touches the header), kept in the cache; for any
 * other QEMU the user names it ({@code $KBENCH_QEMU_PLUGIN_HEADER}).
 */
public final class PluginHeader {

    static final String ARCHIVE = "https://deb.debian.org/debian/pool/main/q/qemu/";
    private static final Pattern DEBIAN_VERSION = Pattern.compile("QEMU emulator version (\\S+) \\(Debian ([^)]+)\\)");
    private static final Pattern ANY_VERSION = Pattern.compile("QEMU emulator version (\\S+)");

    private PluginHeader() {
    }

    /**
     * Debian's upstream version of a QEMU ({@code 7.2+dfsg} for {@code QEMU emulator version
     * 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)}), or empty for a QEMU that is not Debian's.
     */
    static Optional<String> debianUpstreamVersion(String versionOutput) {
        Matcher m = DEBIAN_VERSION.matcher(versionOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        String version = m.group(2).replaceFirst("^\\d+:", "");
        int revision = version.lastIndexOf('-');
        return Optional.of(revision > 0 ? version.substring(0, revision) : version);
    }

    /** The header for {@code qemuBinary}: {@code given} if set, else Debian's, fetched once into {@code folder}. */
    public static Path find(String qemuBinary, Optional<Path> given, Path folder) throws IOException {
        if (given.isPresent()) {
            if (!Files.isRegularFile(given.get())) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "$KBENCH_QEMU_PLUGIN_HEADER names " + given.get()
                        + ", which is not a file: point it at include/qemu/qemu-plugin.h of your QEMU's source");
            }
            return given.get();
        }
        String versionOutput = QemuBinary.versionOutput(qemuBinary);
        Optional<String> upstream = debianUpstreamVersion(versionOutput);
        if (upstream.isEmpty()) {
            Matcher m = ANY_VERSION.matcher(versionOutput);
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, qemuBinary + " (QEMU " + (m.find() ? m.group(1) : "of unknown version")
                    + ") is not Debian's, whose source kbench knows where to find: set $KBENCH_QEMU_PLUGIN_HEADER to"
                    + " include/qemu/qemu-plugin.h of that QEMU's own source");
        }
        Path header = folder.resolve(upstream.get()).resolve("qemu-plugin.h");
        if (!Files.isRegularFile(header)) {
            fetch(upstream.get(), header);
        }
        return header;
    }

    private static void fetch(String upstream, Path header) throws IOException {
        String tarball = "qemu_" + upstream + ".orig.tar.xz";
        Path dir = Files.createDirectories(header.getParent());
        Path download = Files.createTempFile(dir, "orig", ".tar.xz");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<Path> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(ARCHIVE + tarball)).timeout(Duration.ofMinutes(10)).build(),
                        HttpResponse.BodyHandlers.ofFile(download));
            } catch (IOException e) {
                throw unreachable(tarball, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + tarball, e);
            }
            if (response.statusCode() != 200) {
                throw unreachable(tarball, "HTTP " + response.statusCode());
            }
            Path extracted = Files.createTempFile(dir, "qemu-plugin", ".h");
            extract(download, extracted, tarball);
            Files.move(extracted, header, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(download);
        }
    }

    private static KbenchException unreachable(String tarball, String why) {
        return new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot download " + ARCHIVE + tarball + " (" + why
                + ") for QEMU's plugin header: set $KBENCH_QEMU_PLUGIN_HEADER to include/qemu/qemu-plugin.h of that source");
    }

    private static void extract(Path tarball, Path header, String name) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJOf", tarball.toString(), "--wildcards", "*/include/qemu/qemu-plugin.h")
                .redirectOutput(header.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String err = ProcessText.of(tar, tar.getErrorStream(), Duration.ofMinutes(5), "tar reading " + name).strip();
        if (tar.exitValue() != 0 || Files.size(header) == 0) {
            Files.deleteIfExists(header);
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, name + " has no include/qemu/qemu-plugin.h (tar: "
                    + err.lines().findFirst().orElse("exit " + tar.exitValue()) + "): set $KBENCH_QEMU_PLUGIN_HEADER to that QEMU's header");
        }
    }
}
