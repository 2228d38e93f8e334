package dev.kbench.kernel.builder;

import dev.kbench.KbenchException;
import dev.kbench.kernel.KconfigFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * make in one out-of-tree build folder ({@code make O=}) of one Linux tree: its configuration,
 * then a target, at low priority ({@code nice -n 15}), its output in {@code kbench-build.log}
 * and a progress line now and then. Reused in place, a folder rebuilds only what changed since
 * its last build: another configuration's symbols, or the files another commit touches.
 * Immutable; {@link #withCompilerCache} gives one that compiles through ccache.
 */
public final class KernelMake {

    /** How one make ended: whether it built, its steps, its wall time, the line that best says why it failed, its log. */
    public record Outcome(boolean built, int steps, Duration elapsed, String cause, Path log) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(20);
    private static final Duration MAKE_TIMEOUT = Duration.ofHours(3);

    private final Path tree;
    private final Path work;
    private final int jobs;
    private final PrintStream out;
    private final List<String> compiler;

    public KernelMake(Path tree, Path work, int jobs, PrintStream out) {
        this(tree, work, jobs, out, List.of());
    }

    private KernelMake(Path tree, Path work, int jobs, PrintStream out, List<String> compiler) {
        if (jobs < 1) {
            throw new IllegalArgumentException("make needs at least one job");
        }
        this.tree = tree;
        this.work = work;
        this.jobs = jobs;
        this.out = out;
        this.compiler = List.copyOf(compiler);
    }

    /**
     * The same make with gcc run through {@code ccache}: a file compiled before, in any build
     * folder, is not compiled again. Kbuild records the compiler's command line in every object's
     * {@code .cmd}, so one folder must be built always with it or always without. ccache's base
     * folder is the one that holds both the tree and the build folder: paths below it enter
     * ccache's keys relative, so another clone laid out the same way (a bisection of another
     * checkout of the same kernel) hits what this one compiled.
     */
    public KernelMake withCompilerCache(Path ccache) {
        return new KernelMake(tree, work, jobs, out, List.of("CC=" + ccache + " gcc"));
    }

    /** The environment make runs in: ccache's base folder when compiling through it. */
    Map<String, String> environment() {
        if (compiler.isEmpty()) {
            return Map.of();
        }
        Path base = commonFolder(tree.toAbsolutePath().normalize(), work.toAbsolutePath().normalize());
        return base.getNameCount() == 0 ? Map.of() : Map.of("CCACHE_BASEDIR", base.toString());
    }

    static Path commonFolder(Path a, Path b) {
        Path common = a.getRoot();
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()) && a.getName(i).equals(b.getName(i)); i++) {
            common = common.resolve(a.getName(i));
        }
        return common;
    }

    public Path work() {
        return work;
    }

    public Path log() {
        return work.resolve("kbench-build.log");
    }

    /** What {@code compression} builds: the bzImage, or the uncompressed vmlinux. */
    public Path product(Compression compression) {
        return work.resolve(compression == Compression.NONE ? "vmlinux" : "arch/x86/boot/bzImage");
    }

    /**
     * The build folder's {@code .config}: the base (tinyconfig or the user's file) with the overlay,
     * the compression and KASLR laid over it, completed by {@code olddefconfig}, then checked: a
     * symbol Kconfig refused (a dependency missing) is named rather than silently built without.
     */
    public void configure(BuildConfig config, Kaslr kaslr, Compression compression) throws IOException {
        Files.createDirectories(work);
        Path dotConfig = work.resolve(".config");
        if (config.userFile().isPresent()) {
            Files.copy(config.userFile().get(), dotConfig, StandardCopyOption.REPLACE_EXISTING);
        } else {
            run("tinyconfig");
        }
        Map<String, String> wanted = new LinkedHashMap<>(config.overlay());
        wanted.put("RELOCATABLE", kaslr == Kaslr.KASLR ? "y" : KconfigFile.read(dotConfig).with(wanted).get("RELOCATABLE"));
        wanted.put("RANDOMIZE_BASE", kaslr.randomizeBase());
        if (compression != Compression.NONE) {
            for (Compression other : Compression.values()) {
                if (other != Compression.NONE) {
                    wanted.put(other.symbol(), other == compression ? "y" : "n");
                }
            }
        }
        KconfigFile.read(dotConfig).with(wanted).write(dotConfig);
        run("olddefconfig");
        List<String> unmet = KconfigFile.read(dotConfig).unmet(wanted);
        if (!unmet.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "configuration " + config.name() + " cannot have "
                    + String.join(", ", unmet) + " (Kconfig refused them: a dependency is missing); see " + dotConfig);
        }
    }

    /** Builds {@code target}, telling progress as {@code name}; a failed build is an outcome, not an exception. */
    public Outcome make(String name, String target) throws IOException {
        Path log = log();
        try (OutputStream file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                BuildProgress progress = new BuildProgress(file, out, name, PROGRESS_EVERY)) {
            long start = System.nanoTime();
            ProcessResult result = execute(new ProcessExecutor(command(jobs, target)).environment(environment()).redirectOutput(progress)
                    .redirectErrorStream(true), MAKE_TIMEOUT, target);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (result.getExitValue() != 0) {
                return new Outcome(false, progress.steps(), elapsed, "make exited " + result.getExitValue() + ": " + progress.cause(), log);
            }
            return new Outcome(true, progress.steps(), elapsed, "", log);
        }
    }

    private void run(String target) throws IOException {
        ProcessResult result = execute(new ProcessExecutor(command(1, target)).environment(environment()).readOutput(true),
                Duration.ofMinutes(5), target);
        if (result.getExitValue() != 0) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "make " + target + " failed in " + work + ": "
                    + lastLine(result.outputUTF8()));
        }
    }

    private List<String> command(int makeJobs, String target) {
        List<String> command = new ArrayList<>(List.of("nice", "-n", "15", "make", "-C", tree.toString(), "O=" + work, "-j" + makeJobs,
                "KBUILD_BUILD_USER=kbench", "KBUILD_BUILD_HOST=kbench"));
        command.addAll(compiler);
        command.add(target);
        return command;
    }

    private static ProcessResult execute(ProcessExecutor executor, Duration timeout, String what) throws IOException {
        try {
            return executor.destroyOnExit().timeout(timeout.toSeconds(), TimeUnit.SECONDS).execute();
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "make " + what + " did not finish within " + timeout.toMinutes() + " min", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted during make " + what, e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
