package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.InProcessJmh;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.report.ResultsWriter;
import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.HostFingerprint;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.MeasurementPlan;
import dev.kbench.results.OrderEffects;
import dev.kbench.results.RunCosts;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.results.TimeAccount;
import dev.kbench.results.RunSetup;
import dev.kbench.results.WorkloadResults;
import dev.kbench.results.format.ComparisonText;
import dev.kbench.results.format.MeasurementPlanText;
import dev.kbench.results.format.OrderEffectsText;
import dev.kbench.results.format.TimeAccountText;
import dev.kbench.vm.Accel;
import dev.kbench.vm.HostCpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs an {@link Experiment} the way lsm-perf does: round 0 of every kernel, then round 1 of
 * every kernel, and so on, so that drift on the host hits every kernel alike; within a round
 * the kernels run in the order the experiment's {@link OrderDesign} gives (balanced by default),
 * so that no kernel always runs first. Each run's round and position go into the run log. Each kernel's
 * round is one JMH run with one fork ({@code WorkloadBenchmark}, or {@code SuiteBenchmark}
 * for several workloads on one boot); its CSV rows are written the moment it ends, and the
 * forks' results are merged into one standard JMH JSON file at the end. The first failure
 * stops the run with an error naming the kernel, the round and the cause; everything
 * measured before it is kept.
 */
public final class InterleavedRun {

    /** JMH's include pattern for {@code WorkloadBenchmark.run}. */
    static final String BENCHMARK = "^dev\\.kbench\\.benchmarks\\.WorkloadBenchmark\\.run$";

    /** JMH's include pattern for {@code SuiteBenchmark.pass}. */
    static final String SUITE_BENCHMARK = "^dev\\.kbench\\.benchmarks\\.SuiteBenchmark\\.pass$";

    /** What a run produced, complete or not: per workload, the rounds of each kernel. */
    public record Outcome(Map<String, List<KernelRounds>> measured, Optional<String> failure, List<Path> files) {
        public boolean complete() {
            return failure.isEmpty();
        }
    }

    private final Experiment experiment;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean resume;

    public InterleavedRun(Experiment experiment, PrintStream out, boolean terminal) {
        this(experiment, out, terminal, false);
    }

    /**
     * @param resume continue the experiment whose results are beside its output ({@code kbench run
     *     --resume}): the kernels' rounds kept there are not measured again
     */
    public InterleavedRun(Experiment experiment, PrintStream out, boolean terminal, boolean resume) {
        this.experiment = experiment;
        this.out = out;
        this.terminal = terminal;
        this.resume = resume;
    }

    public Outcome execute() throws IOException {
        long started = System.nanoTime();
        Path runLog = experiment.guest().runLog();
        Path failedBoots = GuestSettings.failedBootsBeside(runLog);
        KeptForks keptForks = KeptForks.of(experiment);
        Continuation earlier = resume ? Continuation.resume(experiment, keptForks, out) : Continuation.freshStart(experiment, keptForks);
        ExperimentProgress progress = new ExperimentProgress(out, terminal, experiment, earlier.size());
        MeasuredRounds measuredRounds = new MeasuredRounds(experiment.kernels(), experiment.workloads().stream().map(Workload::id).toList());
        Optional<String> failure = Optional.empty();
        if (experiment.pinning().isEmpty()) {
            // lsm-perf's line; a process confined to some CPUs (taskset, Slurm, --jobs) says which
            out.println("No dedicated CPUs provided." + HostCpus.confinement().map(cpus -> " This process runs on " + cpus + ".").orElse(""));
        }
        OrderDesign design = experiment.design();
        out.println("Order: " + describe(experiment.order()) + ", seed " + experiment.seed() + " (--order " + experiment.order().optionName()
                + " --seed " + experiment.seed() + " repeats it)");
        Accel accel = BootPlan.decideOnce(experiment.guest(), experiment.accel(), experiment.kernels().get(0), experiment.memoryMib(), out);
        HostFingerprint host = HostFacts.fingerprint(accel);
        RunSetup setup = RunSetups.of(experiment, accel, host);
        if (!resume) {
            ExperimentFile.of(experiment, accel).write(ExperimentFile.beside(experiment));
        }
        int block = OrderDesign.blockSize(experiment.order(), experiment.kernels().size());
        experiment.shard().ifPresent(shard -> out.println("Shard " + shard + " on " + host.describe() + ": rounds "
                + experiment.roundsToRun().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + (shard.blocksWhole(experiment.rounds(), block) ? ""
                        : " (fewer or other than whole balanced blocks: the order is balanced over all shards, not on each host)")));
        try (RunLog log = RunLog.appendTo(runLog)) {
            log.append(RunRecord.host(Instant.now().toString(), host));
        }
        CsvFiles csv = new CsvFiles(experiment);
        PrecisionStop precision = new PrecisionStop(experiment, out);
        boolean stoppedEarly = false;
        try (csv; Interruption interruption = new Interruption(out, csv, resumeHint(experiment))) {
            rounds:
            for (int round : experiment.roundsToRun()) {
                // past --rounds only with a precision, deciding at whole balanced blocks
                if (round >= experiment.rounds() && round % block == 0 && precision.reached(measuredRounds.byWorkload(), round)) {
                    stoppedEarly = true;
                    break;
                }
                progress.startRound(round);
                List<Integer> order = design.round(round);
                measuredRounds.startRound();
                for (int position = 0; position < order.size(); position++) {
                    String kernel = experiment.kernels().get(order.get(position));
                    RoundSlot slot = new RoundSlot(round, position);
                    Optional<RunResult> kept = earlier.take(slot, kernel, keptForks);
                    RunResult result;
                    if (kept.isPresent()) {
                        result = kept.get();
                        progress.keptKernel(kernel);
                    } else {
                        progress.startKernel(kernel);
                        try {
                            result = runOneRound(kernel, slot, accel, progress);
                        } catch (RunnerException | IOException e) {
                            progress.failKernel();
                            failure = Optional.of("kernel " + kernel + ", round " + round + ": " + cause(runLog, kernel, progress, e));
                            break rounds;
                        }
                        try {
                            keptForks.keep(slot, result);
                        } catch (IOException e) {
                            // e.g. the disk filled: the runs are in the run log, the rounds before in the CSV
                            throw new IOException(e.getMessage() + "; every run measured is in " + runLog + ", " + csv.kept() + "; "
                                    + resumeHint(experiment) + " once there is room", e);
                        }
                    }
                    for (Map.Entry<String, List<Long>> values : measuredRounds.add(kernel, Optional.empty(), result).entrySet()) {
                        csv.row(values.getKey(), kernel, round, values.getValue());
                    }
                    if (kept.isEmpty()) {
                        progress.endKernel();
                    }
                }
            }
            if (failure.isEmpty() && !stoppedEarly) {
                precision.sayAfterLastRound(measuredRounds.byWorkload());
            }
            interruption.finished();
        }
        Map<String, List<KernelRounds>> measured = measuredRounds.byWorkload();
        List<Path> files = new ArrayList<>(csv.files());
        files.add(runLog);
        if (Files.isDirectory(failedBoots)) {
            files.add(failedBoots);
        }
        // the experiment's end is recorded before its files are written, so that its report can say where the time went
        accountForTime(runLog, System.nanoTime() - started + earlier.keptNs());
        if (!measured.isEmpty()) {
            printComparison(out, experiment.suite(), measured, experiment.criteria());
            List<RunRecord> records = RunLog.read(runLog);
            List<OrderEffects> orderEffects = measuredRounds.orderEffects();
            orderEffects.forEach(effects -> OrderEffectsText.warnings(effects).forEach(line -> out.println("kbench: " + line)));
            measured.forEach((workload, kernels) -> {
                RunCosts costs = RunCosts.of(records, workload);
                MeasurementPlan plan = MeasurementPlan.of(workload, kernels, costs.runSeconds(), costs.roundSeconds());
                out.println("kbench: " + MeasurementPlanText.line(plan, experiment.criteria().thresholdPercent(), experiment.warmups()));
            });
            try {
                files.addAll(ResultsWriter.writeRun(measuredRounds.jmh(), measured, experiment.suite(), setup.withRounds(measuredRounds.ran()),
                        experiment.criteria(), orderEffects, experiment::besideOut));
            } catch (IOException e) {
                // e.g. the disk filled: what was measured is already on disk
                throw new IOException(e.getMessage() + "; every run measured is in " + runLog + ", " + csv.kept(), e);
            }
        }
        return new Outcome(measured, failure, files);
    }

    /**
     * Records the experiment's end in the run log and says where its time went (writing its files
     * is not counted). A resumed experiment's time is this run's and its kept rounds'; the time
     * lost to the interruption is not counted.
     */
    private void accountForTime(Path runLog, long wallNs) throws IOException {
        try (RunLog log = RunLog.appendTo(runLog)) {
            log.append(new RunRecord(Instant.now().toString(), null, null, null, null, null, RunPhase.EXPERIMENT, 0, null, wallNs, null,
                    null, null, null, null));
        }
        TimeAccount.of(RunLog.read(runLog)).ifPresent(account -> out.println("kbench: " + TimeAccountText.line(account)));
    }

    /** How to continue this experiment after an interruption or a failure. */
    public static String resumeHint(Experiment experiment) {
        return "kbench run --resume " + experiment.out() + " continues it";
    }

    private static String describe(RunOrder order) {
        return switch (order) {
            case BALANCED -> "balanced (Williams squares: every kernel in every position and after every other equally often)";
            case RANDOM -> "random (shuffled in every round)";
            case FIXED -> "fixed (the kernels as given, in every round)";
        };
    }

    private RunResult runOneRound(String kernel, RoundSlot slot, Accel accel, ExperimentProgress progress)
            throws RunnerException, IOException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .param("kernel", kernel)
                .param("accel", accel.qemuName())
                .param("mem", Integer.toString(experiment.memoryMib()))
                .param("cpus", experiment.pinning().map(Object::toString).orElse("none"))
                .param("image", experiment.image().map(p -> p.toAbsolutePath().toString()).orElse("none"))
                .param("scale", experiment.scale().toString())
                .forks(1)
                .warmupIterations(experiment.warmups())
                .measurementIterations(experiment.runs())
                .shouldFailOnError(true);
        if (experiment.suite()) {
            options.include(SUITE_BENCHMARK).param("workloads", Workload.format(experiment.workloads())).addProfiler(WorkloadOutputs.class);
        } else {
            options.include(BENCHMARK).param("workload", experiment.workloads().get(0).id()).addProfiler(WorkloadOutputs.class);
        }
        ForkHandOff handOff = new ForkHandOff(experiment.guest(), experiment.besideOut(".settings.properties"), Optional.of(slot));
        Collection<RunResult> results = InProcessJmh.run(options, handOff, progress);
        if (results.size() != 1) {
            throw new RunnerException("JMH returned " + results.size() + " results for one kernel and round");
        }
        return results.iterator().next();
    }

    /** The run log's last error for this kernel (what the fork saw), else what JMH printed. */
    private static String cause(Path runLog, String kernel, ExperimentProgress progress, Exception e) throws IOException {
        if (Files.exists(runLog)) {
            List<RunRecord> records = RunLog.read(runLog);
            for (int i = records.size() - 1; i >= 0; i--) {
                RunRecord record = records.get(i);
                if (record.error() != null && record.kernel().equals(kernel)) {
                    return record.error();
                }
            }
        }
        return progress.failureLines().stream().filter(l -> l.contains("Exception")).findFirst()
                .orElse(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** Each workload's comparison on the console, under the workload's name in a suite, corrected as the files are. */
    static void printComparison(PrintStream out, boolean suite, Map<String, List<KernelRounds>> measured, Criteria criteria) {
        List<WorkloadResults> workloads = new ArrayList<>();
        measured.forEach((workload, kernels) -> workloads.add(new WorkloadResults(workload, kernels)));
        for (Comparison comparison : Analysis.of(workloads, criteria).comparisons()) {
            out.println();
            if (suite) {
                out.println(comparison.workload());
            }
            out.print(ComparisonText.of(comparison));
        }
    }

    /**
     * Ctrl-C or a kill: say that the run exits prematurely and what it kept, and stop the JMH
     * forks, whose own shutdown stops their VMs.
     */
    private static final class Interruption implements AutoCloseable {
        private final Thread hook;

        Interruption(PrintStream out, CsvFiles csv, String resumeHint) {
            hook = new Thread(() -> {
                out.println();
                out.println("kbench: interrupted: exiting prematurely; " + csv.kept() + "; " + resumeHint);
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            }, "kbench-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        void finished() {
            close();
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or removed before
            }
        }
    }
}
