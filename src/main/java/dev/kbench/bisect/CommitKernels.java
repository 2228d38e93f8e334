package dev.kbench.bisect;

import dev.kbench.CacheDirectory;
import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.Kaslr;
import dev.kbench.kernel.builder.KernelBuilder;
import dev.kbench.kernel.builder.KernelMake;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A commit's kernel: checked out in the bisection's tree and built in its one build folder, in
 * place, so that a commit changing one file rebuilds that file and relinks; gzip, no KASLR (a
 * randomized base would move instruction counts between boots), and no marker patch, so any
 * Linux version builds. Kept per configuration and commit in {@code CACHE/bisect-kernels/}, so a
 * commit is built once, whichever bisection asks for it again (an endpoint, a resumed step).
 */
final class CommitKernels {

    /** A commit's build: its kernel, or why there is none (the cause and the last lines of make's log). */
    record Built(String hash, Optional<Path> image, Duration took, boolean cached, String cause, List<String> logTail) {

        boolean ok() {
            return image.isPresent();
        }
    }

    private static final int TAIL_LINES = 12;
    private static final Compression COMPRESSION = Compression.GZIP;
    private static final Kaslr KASLR = Kaslr.NOKASLR;

    private final BisectTree tree;
    private final BuildConfig config;
    private final String key;
    private final Path kernels;
    private final KernelMake make;

    CommitKernels(CacheDirectory cache, BisectTree tree, BuildConfig config, int jobs, PrintStream out) throws IOException {
        this.tree = tree;
        this.config = config;
        this.key = KernelBuilder.hash(config.identity() + "\n" + COMPRESSION.optionName() + " " + KASLR.optionName());
        this.kernels = cache.folder("bisect-kernels").resolve(key);
        KernelMake plain = new KernelMake(tree.git().dir(), tree.buildFolder(key), jobs, out);
        this.make = KernelBuilder.onPath("ccache") ? plain.withCompilerCache(Path.of("ccache")) : plain;
    }

    /** The log of the build folder's last make. */
    Path log() {
        return make.log();
    }

    /** Whether the commit's kernel is kept already: no checkout, no make. */
    Optional<Path> kept(String hash) {
        Path image = kernels.resolve(hash).resolve("bzImage");
        return Files.isRegularFile(image) ? Optional.of(image) : Optional.empty();
    }

    Built build(String hash) throws IOException {
        Optional<Path> kept = kept(hash);
        if (kept.isPresent()) {
            return new Built(hash, kept, Duration.ZERO, true, "", List.of());
        }
        long start = System.nanoTime();
        tree.git().checkout(hash);
        configureOnce();
        KernelMake.Outcome outcome = make.make(config.name() + " at " + hash.substring(0, 12), "bzImage");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!outcome.built()) {
            return new Built(hash, Optional.empty(), took, false, outcome.cause(), tail(outcome.log()));
        }
        Path folder = kernels.resolve(hash);
        Files.createDirectories(folder);
        Files.copy(make.work().resolve(".config"), folder.resolve("config"), StandardCopyOption.REPLACE_EXISTING);
        Path partial = folder.resolve("bzImage.partial");
        Files.copy(make.product(COMPRESSION), partial, StandardCopyOption.REPLACE_EXISTING);
        Path image = folder.resolve("bzImage");
        Files.move(partial, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Built(hash, Optional.of(image), took, false, "", List.of());
    }

    /**
     * The folder's configuration, made once: made again at every step it would touch {@code
     * .config}, and every object would then look out of date. A commit that changes Kconfig gets
     * its new symbols' defaults from make's own syncconfig.
     */
    private void configureOnce() throws IOException {
        Path stamp = make.work().resolve("kbench-config.id");
        String identity = config.identity();
        if (Files.isRegularFile(make.work().resolve(".config")) && Files.isRegularFile(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).equals(identity)) {
            return;
        }
        make.configure(config, KASLR, COMPRESSION);
        Files.writeString(stamp, identity, StandardCharsets.UTF_8);
    }

    private static List<String> tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    }
}
