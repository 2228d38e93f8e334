package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.InProcessJmh;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The rounds of an experiment, in its design's order: each kernel's round is one JMH run of one
 * fork (or the result kept from before a resume), its CSV rows written the moment it ends. Stops
 * at the first failure, or where {@code --precision} is reached.
 */
final class RoundLoop {

    private final Experiment experiment;
    private final Accel accel;
    private final Continuation earlier;
    private final KeptForks keptForks;
    private final MeasuredRounds measured;
    private final ExperimentProgress progress;
    private final CsvFiles csv;
    private final PrecisionStop precision;
    private final PrintStream out;

    RoundLoop(Experiment experiment, Accel accel, Continuation earlier, KeptForks keptForks, MeasuredRounds measured,
            ExperimentProgress progress, CsvFiles csv, PrintStream out) {
        this.experiment = experiment;
        this.accel = accel;
        this.earlier = earlier;
        this.keptForks = keptForks;
        this.measured = measured;
        this.progress = progress;
        this.csv = csv;
        this.precision = new PrecisionStop(experiment, accel, out);
        this.out = out;
    }

    /** Runs every round still to run; returns the failure that stopped them, if one did. */
    Optional<String> run() throws IOException {
        int block = OrderDesign.blockSize(experiment.order(), experiment.kernels().size());
        for (int round : experiment.roundsToRun()) {
            Map<String, List<Workload>> plan = everyKernelEveryWorkload();
            if (experiment.sequential() && round >= experiment.rounds()) {
                plan = precision.undecided(lookBefore(round), experiment.lookFrom(round));
                if (plan.isEmpty()) {
                    return Optional.empty();
                }
            } else if (precisionReached(round, block)) {
                return Optional.empty();
            }
            Optional<String> failure = measureRound(round, plan);
            if (failure.isPresent()) {
                return failure;
            }
            keptForks.finish(round);
        }
        precision.sayAfterLastRound(measured.byWorkload());
        return Optional.empty();
    }

    private Map<String, List<Workload>> everyKernelEveryWorkload() {
        Map<String, List<Workload>> plan = new LinkedHashMap<>();
        experiment.kernels().forEach(kernel -> plan.put(kernel, experiment.workloads()));
        return plan;
    }

    /**
     * What a sequential look sees before {@code round}: every round before its block this run
     * measured, and for a shard also those its sibling shards have kept beside it (the jobs of
     * {@code --jobs}, or hosts sharing the output's folder), waiting for the ones still running, so
     * that every shard's look at a block decides on the same rounds.
     */
    private Map<String, List<KernelRounds>> lookBefore(int round) throws IOException {
        if (experiment.shard().isEmpty()) {
            return measured.byWorkload();
        }
        int from = experiment.lookFrom(round);
        ShardRounds.awaitRoundsBefore(experiment, from, out);
        return ShardRounds.keptBefore(experiment, from);
    }

    /** Past {@code --rounds} only with a precision, deciding at whole balanced blocks. */
    private boolean precisionReached(int round, int block) {
        return round >= experiment.rounds() && round % block == 0 && precision.reached(measured.byWorkload(), round);
    }

    /** The kernels' forks of {@code round} that {@code plan} runs, in the design's order, each its workloads; the failure that stopped it, if one did. */
    private Optional<String> measureRound(int round, Map<String, List<Workload>> plan) throws IOException {
        progress.startRound(round);
        List<Integer> order = experiment.design().round(round);
        measured.startRound();
        for (int position = 0; position < order.size(); position++) {
            String kernel = experiment.kernels().get(order.get(position));
            if (!plan.containsKey(kernel)) {
                continue;
            }
            RoundSlot slot = new RoundSlot(round, position);
            Optional<RunResult> kept = earlier.take(slot, kernel, keptForks);
            RunResult result;
            if (kept.isPresent()) {
                result = kept.get();
                progress.keptKernel(kernel);
            } else {
                progress.startKernel(kernel);
                try {
                    result = runFork(kernel, slot, plan.get(kernel));
                } catch (RunnerException | IOException e) {
                    progress.failKernel();
                    return Optional.of("kernel " + kernel + ", round " + round + ": " + cause(kernel, e));
                }
                keep(slot, result);
            }
            for (Map.Entry<String, List<Long>> values : measured.add(kernel, Optional.empty(), result).entrySet()) {
                csv.row(values.getKey(), kernel, round, values.getValue());
            }
            if (kept.isEmpty()) {
                progress.endKernel();
            }
        }
        return Optional.empty();
    }

    private RunResult runFork(String kernel, RoundSlot slot, List<Workload> workloads) throws RunnerException, IOException {
        WorkloadFork fork = WorkloadFork.of(experiment, kernel, accel, workloads);
        int warmups = fork.warms() ? experiment.warmups() : 0;
        ForkHandOff handOff = new ForkHandOff(fork.plan(experiment.guest(), slot), keptForks.planFile(slot));
        Collection<RunResult> results = InProcessJmh.run(fork.options().forks(1).warmupIterations(warmups)
                .measurementIterations(experiment.runs()).shouldFailOnError(true).addProfiler(WorkloadOutputs.class), handOff, progress);
        if (results.size() != 1) {
            throw new RunnerException("JMH returned " + results.size() + " results for one kernel and round");
        }
        return results.iterator().next();
    }

    private void keep(RoundSlot slot, RunResult result) throws IOException {
        try {
            keptForks.keep(slot, result);
        } catch (IOException e) {
            // e.g. the disk filled: the runs are in the run log, the rounds before in the CSV
            throw new IOException(e.getMessage() + "; every run measured is in " + experiment.guest().runLog() + ", " + csv.kept() + "; "
                    + InterleavedRun.resumeHint(experiment) + " once there is room", e);
        }
    }

    /** The run log's last error for this kernel (what the fork saw), else what JMH printed. */
    private String cause(String kernel, Exception e) throws IOException {
        Path runLog = experiment.guest().runLog();
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
}
