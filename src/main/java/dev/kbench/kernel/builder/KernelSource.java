package dev.kbench.kernel.builder;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Where a kernel's source comes from: a Linux tree (a folder with the top Makefile) or a
 * tarball of one, such as Debian's {@code /usr/src/linux-source-6.1.tar.xz}. kbench never
 * patches the user's tree: it unpacks or copies it into its cache, patches that copy once and
 * builds from it, so one source is unpacked once per machine.
 */
public record KernelSource(Path location) {

    private static final Path DEBIAN_SOURCES = Path.of("/usr/src");
    private static final Pattern DEBIAN_TARBALL = Pattern.compile("linux-source-(\\d+)\\.(\\d+)\\.tar\\.xz");

    /** Debian's {@code linux-source-X.Y} package's tarball, the newest installed. */
    public static KernelSource debian() throws KbenchException {
        return debian(DEBIAN_SOURCES);
    }

    static KernelSource debian(Path folder) throws KbenchException {
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            Optional<Path> newest = files.filter(f -> DEBIAN_TARBALL.matcher(f.getFileName().toString()).matches())
                    .max(Comparator.comparing(KernelSource::debianVersion));
            return new KernelSource(newest.orElseThrow(() -> new KbenchException(KbenchException.Kind.INFRASTRUCTURE,
                    "Debian's Linux source is not installed (no " + folder + "/linux-source-*.tar.xz): apt-get install linux-source-6.1")));
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static long debianVersion(Path tarball) {
        Matcher m = DEBIAN_TARBALL.matcher(tarball.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2)) : 0;
    }

    /** {@code debian}, a Linux tree or a tarball of one. */
    public static KernelSource parse(String text) throws KbenchException {
        if (text.equals("debian")) {
            return debian();
        }
        Path path = Path.of(text);
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve("Makefile")) || !Files.isDirectory(path.resolve("arch/x86"))) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, path + " is not a Linux source tree (no Makefile and arch/x86)");
            }
        } else if (!Files.isRegularFile(path) || !path.getFileName().toString().matches(".*\\.tar(\\.(xz|gz|bz2|zst))?")) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, path + " is neither a Linux source tree nor a tarball (.tar, .tar.xz, .tar.gz) of one");
        }
        return new KernelSource(path);
    }

    /**
     * What identifies the source in the cache: a tarball's SHA-256, or a tree's every file's path,
     * size and modification time (reading 1 GB of sources would take longer than it saves).
     */
    String identity() throws IOException {
        MessageDigest digest = sha256();
        if (Files.isRegularFile(location)) {
            try (InputStream in = Files.newInputStream(location)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        } else {
            try (Stream<Path> files = Files.walk(location)) {
                List<Path> sorted = files.filter(Files::isRegularFile).filter(f -> !location.relativize(f).startsWith(".git")).sorted().toList();
                for (Path file : sorted) {
                    digest.update((location.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unpacks or copies the source into {@code tree} (which must not exist yet). */
    void copyTo(Path tree) throws IOException {
        Files.createDirectories(tree);
        List<String> cmd = Files.isRegularFile(location)
                ? List.of("tar", "-xf", location.toString(), "-C", tree.toString(), "--strip-components=1")
                : List.of("cp", "-a", location + "/.", tree.toString());
        try {
            ProcessResult result = new ProcessExecutor(concat(List.of("nice", "-n", "15"), cmd))
                    .readOutput(true).timeout(30, TimeUnit.MINUTES).execute();
            if (result.getExitValue() != 0) {
                FileTrees.delete(tree);
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot unpack " + location + ": " + result.outputUTF8().strip());
            }
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "unpacking " + location + " took more than 30 min", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while unpacking " + location, e);
        }
        if (!Files.isRegularFile(tree.resolve("Makefile"))) {
            FileTrees.delete(tree);
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, location + " holds no Linux tree (no top-level Makefile inside it)");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The tree's Linux version from its top Makefile: {@code 6.1.192}. */
    static String linuxVersion(Path tree) throws IOException {
        String makefile = Files.readString(tree.resolve("Makefile"));
        return field(makefile, "VERSION") + "." + field(makefile, "PATCHLEVEL") + "." + field(makefile, "SUBLEVEL");
    }

    private static String field(String makefile, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*=\\s*(\\S*)").matcher(makefile);
        return m.find() ? m.group(1) : "?";
    }
}
