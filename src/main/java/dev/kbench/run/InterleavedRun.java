package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.report.ResultsWriter;
import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.HostFingerprint;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Measure;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** What a run produced, complete or not: per workload, the rounds of each kernel. */
    public record Outcome(Map<String, List<KernelRounds>> measured, Accel accel, Optional<String> failure, List<Path> files) {
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
        KeptForks keptForks = KeptForks.of(experiment);
        Continuation earlier = resume ? Continuation.resume(experiment, keptForks, out) : Continuation.freshStart(experiment, keptForks);
        Accel accel = announce();
        RunSetup setup = recordStart(accel);
        MeasuredRounds measured = new MeasuredRounds(experiment.kernels(), experiment.workloads().stream().map(Workload::id).toList());
        ExperimentProgress progress = new ExperimentProgress(out, terminal, experiment, earlier.size());
        CsvFiles csv = new CsvFiles(experiment);
        Optional<String> failure;
        try (csv; Interruption interruption = new Interruption(out, csv, resumeHint(experiment))) {
            failure = new RoundLoop(experiment, accel, earlier, keptForks, measured, progress, csv, out).run();
            interruption.finished();
        }
        // the experiment's end is recorded before its files are written, so that its report can say where the time went
        accountForTime(System.nanoTime() - started + earlier.keptNs(), accel);
        return new Outcome(measured.byWorkload(), accel, failure, report(measured, setup, csv));
    }

    /** Says how the experiment runs (pinning, order) and decides its accelerator, once. */
    private Accel announce() throws IOException {
        if (experiment.pinning().isEmpty()) {
            // lsm-perf's line; a process confined to some CPUs (taskset, Slurm, --jobs) says which
            out.println("No dedicated CPUs provided." + HostCpus.confinement().map(cpus -> " This process runs on " + cpus + ".").orElse(""));
        }
        out.println("Order: " + describe(experiment.order()) + ", seed " + experiment.seed() + " (--order " + experiment.order().optionName()
                + " --seed " + experiment.seed() + " repeats it)");
        return BootPlan.decideOnce(experiment.guest(), experiment.accel(), experiment.kernels().get(0), experiment.memoryMib(), out);
    }

    /** Records the experiment as decided (unless resumed) and the host in the run log; a shard says which rounds it runs. */
    private RunSetup recordStart(Accel accel) throws IOException {
        HostFingerprint host = HostFacts.fingerprint(accel);
        if (!resume) {
            ExperimentFile.of(experiment, accel).write(ExperimentFile.beside(experiment));
        }
        int block = OrderDesign.blockSize(experiment.order(), experiment.kernels().size());
        experiment.shard().ifPresent(shard -> out.println("Shard " + shard + " on " + host.describe() + ": rounds " + shardRounds(experiment)
                + (experiment.sequential() || shard.blocksWhole(experiment.rounds(), block) ? ""
                        : " (fewer or other than whole balanced blocks: the order is balanced over all shards, not on each host)")));
        try (RunLog log = RunLog.appendTo(experiment.guest().runLog())) {
            log.append(RunRecord.host(Instant.now().toString(), host));
        }
        return RunSetups.of(experiment, accel, host);
    }

    /** A shard's rounds as its first line says them; a sequential one's later rounds run only while a workload is undecided. */
    private static String shardRounds(Experiment experiment) {
        List<Integer> rounds = experiment.roundsToRun();
        String first = rounds.stream().filter(r -> r < experiment.rounds()).map(String::valueOf).collect(Collectors.joining(", "));
        String later = rounds.stream().filter(r -> r >= experiment.rounds()).map(String::valueOf).collect(Collectors.joining(", "));
        return later.isEmpty() ? first : (first.isEmpty() ? "" : first + ", then ") + later + " while a workload is undecided";
    }

    /** The comparison, order effects and measurement plans on the console, and every file written. */
    private List<Path> report(MeasuredRounds measuredRounds, RunSetup setup, CsvFiles csv) throws IOException {
        Path runLog = experiment.guest().runLog();
        List<Path> files = new ArrayList<>(csv.files());
        files.add(runLog);
        Path failedBoots = GuestSettings.failedBootsBeside(runLog);
        if (Files.isDirectory(failedBoots)) {
            files.add(failedBoots);
        }
        Map<String, List<KernelRounds>> measured = measuredRounds.byWorkload();
        if (measured.isEmpty()) {
            return files;
        }
        printComparison(out, experiment.suite(), measured, experiment.criteria(), Measure.ofAccel(setup.accel()));
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
        return files;
    }

    /**
     * Records the experiment's end in the run log and says where its time went (writing its files
     * is not counted). A resumed experiment's time is this run's and its kept rounds'; the time
     * lost to the interruption is not counted.
     */
    private void accountForTime(long wallNs, Accel accel) throws IOException {
        Path runLog = experiment.guest().runLog();
        try (RunLog log = RunLog.appendTo(runLog)) {
            log.append(new RunRecord(Instant.now().toString(), null, null, null, null, null, RunPhase.EXPERIMENT, 0, null, wallNs, null,
                    null, null, null, null));
        }
        List<RunRecord> records = RunLog.read(runLog);
        TimeAccount.of(records).ifPresent(account -> out.println("kbench: " + TimeAccountText.line(account)));
        SavedRuns.of(records).line(experiment.workloads().size(), experiment.runs(), experiment.warmups()).ifPresent(line -> out.println("kbench: " + line));
        if (Measure.ofAccel(accel.qemuName()) == Measure.TIME) {
            // under icount the counts do not take in the host's load
            BusyHost.of(records).line().ifPresent(line -> out.println("kbench: " + line));
        }
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

    /**
     * Each workload's comparison on the console, under the workload's name in a suite, corrected as the files are, its
     * verdicts saying what {@code measure} they are of.
     */
    static void printComparison(PrintStream out, boolean suite, Map<String, List<KernelRounds>> measured, Criteria criteria, Measure measure) {
        List<WorkloadResults> workloads = new ArrayList<>();
        measured.forEach((workload, kernels) -> workloads.add(new WorkloadResults(workload, kernels, measure)));
        for (Comparison comparison : Analysis.of(workloads, criteria).comparisons()) {
            out.println();
            if (suite) {
                out.println(comparison.workload());
            }
            out.print(ComparisonText.of(comparison));
        }
    }
}
