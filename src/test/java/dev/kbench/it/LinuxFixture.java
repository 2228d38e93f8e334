package dev.kbench.it;

import dev.kbench.CacheDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * The bisection tests' Linux repository: Debian's linux-source-6.1 as one commit and ranges of
 * commits on it (linux-fixture.sh says which), made once per machine into kbench's cache, keyed by
 * the script's contents (about a minute), and never written by the tests afterwards.
 */
final class LinuxFixture {

    static final String SCRIPT = "/dev/kbench/bisect/linux-fixture.sh";
    static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");

    private LinuxFixture() {
    }

    static Path repository() throws Exception {
        byte[] script;
        try (InputStream in = LinuxFixture.class.getResourceAsStream(SCRIPT)) {
            script = in.readAllBytes();
        }
        Path folder = CacheDirectory.fromEnvironment().folder("bisect-fixture").resolve(key(script));
        Path repository = folder.resolve("linux");
        Files.createDirectories(folder);
        try (FileChannel channel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (!Files.isDirectory(repository.resolve(".git"))) {
                Path file = folder.resolve("linux-fixture.sh");
                Files.write(file, script);
                int status = new ProcessExecutor("sh", file.toString(), TARBALL.toString(), repository.toString())
                        .redirectOutput(System.out).redirectError(System.err).timeout(30, TimeUnit.MINUTES).execute().getExitValue();
                if (status != 0) {
                    throw new IOException("linux-fixture.sh exited " + status);
                }
            }
        }
        return repository;
    }

    /** A tag's commit in the fixture. */
    static String commit(Path repository, String tag) throws Exception {
        return git(repository, "rev-parse", tag + "^{commit}");
    }

    static String git(Path repository, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repository.toString()));
        command.addAll(java.util.List.of(args));
        return new ProcessExecutor(command).readOutput(true).exitValueNormal().timeout(5, TimeUnit.MINUTES).execute().outputUTF8().strip();
    }

    private static String key(byte[] script) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script)).substring(0, 16);
    }
}
