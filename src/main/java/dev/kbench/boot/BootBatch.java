package dev.kbench.boot;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import dev.kbench.count.CountingPlugin;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.InProcessJmh;
import dev.kbench.jmh.QuietOutput;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.report.MergedJson;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * The (FG)KASLR suite's {@code run_batch.sh} on BootBenchmark: every kernel and memory size
 * booted {@code boots} times; a warm cache first boots the kernel a few times unmeasured, a
 * cold one drops the host's page cache before every boot. Ends with {@code boot-table}'s files.
 */
public final class BootBatch {

    /** The suite warms the cache by booting the kernel five times before recording. */
    static final int WARM_UP_BOOTS = 5;

    /**
     * What {@code kbench boot} measures.
     *
     * @param guest where kernels and the cache are, and the boot timeout; its boot log is set to {@code OUT.boots.jsonl}
     * @param out the path prefix of everything written: OUT.json, OUT.boots.jsonl, OUT.boot-summary.md, ...
     * @param counting the TCG plugin, built, when every phase is also counted in guest instructions
     */
    public record Settings(List<String> kernels, int boots, CacheMode cache, List<Integer> memoryMib, Accel accel, BootPlan.Shape shape,
            GuestSettings guest, Path out, Optional<CountingPlugin> counting) {
        public Settings {
            kernels = List.copyOf(kernels);
            memoryMib = List.copyOf(memoryMib);
            out = out.toAbsolutePath();
            guest = guest.withBootLog(out.resolveSibling(out.getFileName() + ".boots.jsonl"));
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final boolean terminal;

    public BootBatch(Settings settings, PrintStream out, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs every kernel and memory size; returns the files written, or throws naming the kernel that failed (after writing what was measured). */
    public List<Path> execute() throws IOException {
        Path bootLog = settings.guest().bootLog();
        Files.deleteIfExists(bootLog);
        // the failed boots of an earlier run with this prefix belonged to its boot log, gone now too
        FileTrees.delete(BootLog.failureDir(bootLog));
        if (settings.cache() == CacheMode.COLD) {
            PageCache.drop(); // fails here, with what to do, rather than in the first fork
        }
        Accel accel = BootPlan.decideOnce(settings.guest(), settings.accel(), settings.kernels().get(0), settings.memoryMib().get(0),
                settings.shape(), out);
        Path planFile = settings.out().resolveSibling(settings.out().getFileName() + ".plan.json");
        List<RunResult> results = new ArrayList<>();
        Optional<IOException> failure = Optional.empty();
        for (int k = 0; k < settings.kernels().size() && failure.isEmpty(); k++) {
            failure = bootKernel(settings.kernels().get(k), accel, planFile, results);
        }
        List<Path> files = new ArrayList<>(List.of(bootLog));
        if (Files.isDirectory(BootLog.failureDir(bootLog))) {
            files.add(BootLog.failureDir(bootLog));
        }
        if (!results.isEmpty()) {
            Path json = settings.out().resolveSibling(settings.out().getFileName() + ".json");
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
            // settings every boot shared would join every JSON client's labels; the boot log has them per boot
            MergedJson.keepVaryingParams(json);
            files.add(json);
            files.addAll(BootTable.write(BootLog.read(bootLog), settings.out()));
        }
        if (failure.isPresent()) {
            // the first line says what failed and where the measurements are; the console's tail follows
            String[] lines = failure.get().getMessage().split("\n", 2);
            throw new KbenchException(KbenchException.Kind.BOOT_FAILURE, lines[0] + " (what was measured before is in " + String.join(", ",
                    files.stream().map(Path::toString).toList()) + ")" + (lines.length > 1 ? "\n" + lines[1] : ""), failure.get());
        }
        return files;
    }

    /** Every memory size of {@code kernel}, one fork each, into {@code results}; the failure that stopped it, if one did. */
    private Optional<IOException> bootKernel(String kernel, Accel accel, Path planFile, List<RunResult> results) throws IOException {
        Machine machine = settings.shape().machine();
        for (int mem : settings.memoryMib()) {
            Progress progress = new Progress(kernel + " mem=" + mem + " cache=" + settings.cache().optionName()
                    + (machine == Machine.PC ? "" : " machine=" + machine.qemuName())
                    + settings.shape().rootfs().map(disk -> " rootfs=" + disk.optionName()).orElse(""));
            BootFork fork = new BootFork(kernel, mem, accel, settings.cache(), settings.shape(), settings.counting());
            ChainedOptionsBuilder options = fork.options().forks(1).warmupIterations(settings.cache() == CacheMode.WARM ? WARM_UP_BOOTS : 0)
                    .measurementIterations(settings.boots()).shouldFailOnError(true).addProfiler(BootPhaseMetrics.class);
            try {
                results.addAll(InProcessJmh.run(options, new ForkHandOff(fork.plan(settings.guest()), planFile), progress));
                progress.done();
            } catch (RunnerException e) {
                progress.failed();
                // a boot fork fails when its kernel does not boot (the boot log says how): the exit status says so
                return Optional.of(new KbenchException(KbenchException.Kind.BOOT_FAILURE, "kernel " + kernel + " (mem=" + mem + "): "
                        + lastError(settings.guest().bootLog()).orElse(String.valueOf(e.getMessage()))));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lastError(Path bootLog) throws IOException {
        if (!Files.exists(bootLog)) {
            return Optional.empty();
        }
        var boots = BootLog.read(bootLog);
        for (int i = boots.size() - 1; i >= 0; i--) {
            if (boots.get(i).error() != null) {
                return Optional.of(boots.get(i).error());
            }
        }
        return Optional.empty();
    }

    /** {@code decomp 101,922,307 (0.000 %)}: a phase's mean count and how far its boots lay apart. */
    static String instructionSummary(String phase, SummaryStatistics counts) {
        double spread = counts.getMean() == 0 ? 0 : 100 * (counts.getMax() - counts.getMin()) / counts.getMean();
        return String.format(Locale.ROOT, "%s %,.0f (%.3f %%)", phase, counts.getMean(), spread);
    }

    /** "Booting K mem=M cache=C: i/N", then the mean time to a ready guest, as lsm-perf shows its runs. */
    private final class Progress extends QuietOutput {
        private final String label;
        private final SummaryStatistics ready = new SummaryStatistics();
        private final java.util.Map<String, SummaryStatistics> instructions = new java.util.LinkedHashMap<>();
        private int boots;

        Progress(String label) {
            this.label = label;
            if (terminal) {
                out.print("\tBooting " + label + ": 0/" + settings.boots());
                out.flush();
            }
        }

        @Override
        public void iterationResult(BenchmarkParams benchmark, IterationParams params, int iteration, IterationResult data) {
            if (params.getType() == IterationType.MEASUREMENT) {
                boots++;
                Result<?> toReady = data.getSecondaryResults().get("toReadyMs");
                if (toReady != null) {
                    ready.addValue(toReady.getScore());
                }
                data.getSecondaryResults().forEach((name, result) -> {
                    if (result.getScoreUnit().equals(BootPhaseMetrics.INSTRUCTIONS)) {
                        instructions.computeIfAbsent(name, n -> new SummaryStatistics()).addValue(result.getScore());
                    }
                });
                if (terminal) {
                    out.print("\r\tBooting " + label + ": " + iteration + "/" + settings.boots());
                    out.flush();
                }
            }
        }

        void done() {
            // a boot without the ready marker has no time to ready: the mean is over the others, and says so
            String without = ready.getN() == boots ? "" : String.format(Locale.ROOT, " (over %d; %d without the ready marker)",
                    ready.getN(), boots - ready.getN());
            out.println(String.format(Locale.ROOT, "%s\tBooting %s: %d boots, to ready mean=%.0f ms, stdev=%.0f ms%s", terminal ? "\r" : "",
                    label, boots, ready.getMean(), ready.getStandardDeviation(), without));
            if (!instructions.isEmpty()) {
                // JMH hands the results sorted by name: the boot's order, under the boot log's names, reads better
                List<String> parts = new ArrayList<>();
                for (String phase : BootSummary.phaseOrder()) {
                    SummaryStatistics counts = instructions.get(BootPhaseMetrics.instructionMetricName(phase));
                    if (counts != null) {
                        parts.add(instructionSummary(phase, counts));
                    }
                }
                out.println("\t  in instructions, mean (max-min spread): " + String.join(", ", parts));
            }
        }

        void failed() {
            out.println((terminal ? "\r" : "") + "\tBooting " + label + ": failed");
        }

        @Override
        protected void forkText(String text) {
            // the boot log holds every boot and every error; the forks' chatter is not shown
        }
    }
}
