package dev.kbench.kernel.builder;

import dev.kbench.CacheDirectory;
import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds marked kernels: the source unpacked and patched with {@link MarkerPatch} once, then one
 * out-of-tree build folder per source, reconfigured for each kernel asked for: a compression is a
 * small rebuild of the bootstrap loader (the kernel proper does not depend on it), another
 * configuration or KASLR variant rebuilds what its symbols touch. make runs
 * at low priority ({@code nice -n 15}) with its output in a log and a progress line now and then.
 * Results are cached by source, configuration and patch: {@code CACHE/built-kernels/KEY/},
 * each kernel with its {@code .config} beside it, and a {@code variants.conf} naming them all.
 * A lock per build folder makes a second kbench wait for the first instead of building again.
 */
public final class KernelBuilder {

    /** What to build. {@code jobs} is make's {@code -j}. */
    public record Request(KernelSource source, BuildConfig config, List<Compression> compressions, List<Kaslr> kaslrs, int jobs) {
        public Request {
            if (compressions.isEmpty() || kaslrs.isEmpty()) {
                throw new IllegalArgumentException("a kernel build needs at least one compression and one KASLR variant");
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("make needs at least one job");
            }
        }
    }

    private static final Map<String, String> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("make", "make");
        TOOLS.put("gcc", "gcc");
        TOOLS.put("flex", "flex");
        TOOLS.put("bison", "bison");
        TOOLS.put("bc", "bc");
        TOOLS.put("perl", "perl");
        TOOLS.put("patch", "patch");
        TOOLS.put("xz", "xz-utils");
    }

    private final CacheDirectory cache;
    private final PrintStream out;

    public KernelBuilder(CacheDirectory cache, PrintStream out) {
        this.cache = cache;
        this.out = out;
    }

    public List<BuiltKernel> build(Request request) throws IOException {
        requireTools(request.compressions());
        String patch = MarkerPatch.text();
        String treeKey = hash(request.source().identity() + "\n" + patch);
        Path tree = patchedTree(request.source(), treeKey);
        String buildKey = hash(treeKey + "\n" + request.config().identity());
        Path results = cache.folder("built-kernels").resolve(buildKey);
        Files.createDirectories(results);
        List<BuiltKernel> built = new ArrayList<>();
        for (Kaslr kaslr : request.kaslrs()) {
            // One build folder per source: Kbuild records its absolute path (objtool's, in every
            // object's command), so a copy elsewhere rebuilds everything; in place, another
            // configuration, compression or KASLR variant rebuilds only what its symbols touch.
            Path work = cache.folder("kernel-build").resolve("work").resolve(treeKey);
            Files.createDirectories(work);
            // kernels built already are used at once, without waiting for the folder's lock (another build may hold it)
            if (request.compressions().stream().allMatch(c -> isBuilt(planned(request.config(), results, kaslr, c)))) {
                for (Compression compression : request.compressions()) {
                    BuiltKernel kernel = planned(request.config(), results, kaslr, compression);
                    out.println("kbench: " + kernel.name() + " is built already: " + kernel.image());
                    built.add(kernel);
                }
                continue;
            }
            try (FileChannel channel = FileChannel.open(work.resolveSibling(work.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                for (Compression compression : request.compressions()) {
                    built.add(buildOne(request, tree, work, results, kaslr, compression));
                }
            }
        }
        writeVariants(results, built);
        return built;
    }

    private BuiltKernel buildOne(Request request, Path tree, Path work, Path results, Kaslr kaslr, Compression compression)
            throws IOException {
        BuiltKernel kernel = planned(request.config(), results, kaslr, compression);
        String name = kernel.name();
        Path image = kernel.image();
        if (isBuilt(kernel)) {
            out.println("kbench: " + name + " is built already: " + image);
            return kernel;
        }
        KernelMake make = new KernelMake(tree, work, request.jobs(), out);
        make.configure(request.config(), kaslr, compression);
        String target = compression == Compression.NONE ? "vmlinux" : "bzImage";
        out.println("kbench: building " + name + " from " + request.source().location() + " (Linux " + KernelSource.linuxVersion(tree)
                + ", make -j" + request.jobs() + " " + target + " at nice 15; log: " + make.log() + ")");
        long start = System.nanoTime();
        KernelMake.Outcome outcome = make.make(name, target);
        if (!outcome.built()) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "the build of kernel " + name + " failed ("
                    + outcome.cause() + "); the whole log: " + outcome.log());
        }
        out.println("kbench: " + name + ": " + outcome.steps() + " steps in " + BuildProgress.format(outcome.elapsed()));
        Path product = make.product(compression);
        Files.copy(work.resolve(".config"), kernel.config(), StandardCopyOption.REPLACE_EXISTING);
        Path partial = image.resolveSibling(image.getFileName() + ".partial");
        Files.copy(product, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println("kbench: built " + name + " in " + seconds(System.nanoTime() - start) + " s: " + image + " (" + Files.size(image) / 1024 + " KiB)");
        return kernel;
    }

    /** Where the kernel of this configuration, KASLR variant and compression is (or will be) kept. */
    private static BuiltKernel planned(BuildConfig config, Path results, Kaslr kaslr, Compression compression) {
        String name = config.name() + "-" + kaslr.optionName() + "-" + compression.optionName();
        Path image = results.resolve(compression == Compression.NONE ? "vmlinux-" + config.name() + "-" + kaslr.optionName() : "bzImage-" + name);
        return new BuiltKernel(name, image, compression, kaslr);
    }

    /** The image and its configuration are both in place: the image is moved in last, whole. */
    private static boolean isBuilt(BuiltKernel kernel) {
        return Files.isRegularFile(kernel.image()) && Files.isRegularFile(kernel.config());
    }

    /** The source unpacked and patched, once per machine: CACHE/kernel-build/trees/KEY. */
    private Path patchedTree(KernelSource source, String key) throws IOException {
        Path trees = cache.folder("kernel-build").resolve("trees");
        Files.createDirectories(trees);
        Path tree = trees.resolve(key);
        Path ready = trees.resolve(key + ".ready");
        try (FileChannel channel = FileChannel.open(trees.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (Files.exists(ready)) {
                return tree;
            }
            FileTrees.delete(tree);
            out.println("kbench: unpacking " + source.location() + " into " + tree + " ...");
            source.copyTo(tree);
            try {
                MarkerPatch.applyTo(tree, KernelSource.linuxVersion(tree), source.location().toString());
            } catch (IOException e) {
                FileTrees.delete(tree);
                throw e;
            }
            Files.writeString(ready, source.location() + "\n");
            return tree;
        }
    }

    /** A variants file naming every kernel of this build, for {@code kbench boot --variants}. */
    private static void writeVariants(Path results, List<BuiltKernel> built) throws IOException {
        Path file = results.resolve("variants.conf");
        Map<String, String> lines = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    lines.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        }
        for (BuiltKernel kernel : built) {
            lines.put(kernel.name(), kernel.image().toString());
        }
        StringBuilder text = new StringBuilder("# kernels built by 'kbench kernel build': name = image\n");
        lines.forEach((name, image) -> text.append(name).append(" = ").append(image).append('\n'));
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** Every tool a kernel build needs, or an error naming the packages to install. */
    public static void requireTools(List<Compression> compressions) throws KbenchException {
        List<String> missing = new ArrayList<>();
        TOOLS.forEach((tool, pkg) -> {
            if (!onPath(tool)) {
                missing.add(pkg);
            }
        });
        for (Compression compression : compressions) {
            if (!onPath(compression.tool())) {
                missing.add(compression.packageName());
            }
        }
        if (!Files.exists(Path.of("/usr/include/gelf.h"))) {
            missing.add("libelf-dev");
        }
        if (!Files.exists(Path.of("/usr/include/openssl/opensslv.h"))) {
            missing.add("libssl-dev");
        }
        if (!missing.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "building a kernel needs "
                    + String.join(", ", missing.stream().distinct().toList()) + ": apt-get install "
                    + String.join(" ", missing.stream().distinct().toList()));
        }
    }

    /** Whether {@code tool} is an executable on the PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The first 16 hex digits of the SHA-256 of {@code text}: a cache key. */
    public static String hash(String text) {
        return HexFormat.of().formatHex(KernelSource.sha256().digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
