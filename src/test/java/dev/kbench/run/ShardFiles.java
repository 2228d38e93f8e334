package dev.kbench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.HostFingerprint;
import dev.kbench.results.JmhResults;
import dev.kbench.results.JmhRunResults;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.results.RunSetup;
import dev.kbench.vm.Accel;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shards as {@code kbench run --shard K/N} leaves them, written without VMs: for the merge's tests and its scale measurement. */
final class ShardFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String> kernels;
    private final int rounds;
    private final int runs;

    /** An experiment of {@code kernels} (eventfd, balanced order) with {@code rounds} rounds of {@code runs} runs, output {@code dir/res/x.csv}. */
    ShardFiles(Path dir, List<String> kernels, int rounds, int runs) {
        this.dir = dir;
        this.kernels = List.copyOf(kernels);
        this.rounds = rounds;
        this.runs = runs;
    }

    Path out() {
        return dir.resolve("res/x.csv");
    }

    Experiment experiment(int index, int count, long seed) throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", dir.resolve("cache").toString()), "/home/u"));
        return Experiment.builder(guest).kernels(kernels).workloads(List.of(new Workload.BuiltIn("eventfd"))).rounds(rounds).runs(runs).warmups(0)
                .accel(Accel.TCG).order(RunOrder.BALANCED).seed(seed).shard(Optional.of(new Shard(index, count))).out(out()).build();
    }

    /** Where every round's VM spent its time: boot 2 s, set-up 1 s, runs 1 s, teardown 0.5 s. */
    static final RoundTime ROUND = new RoundTime(2_000_000_000L, 1_000_000_000L, 1_000_000_000L, 500_000_000L);

    /** Shard K's wall time, when it measured all its rounds. */
    static long wallNs(int index) {
        return (20L + index) * 1_000_000_000L;
    }

    /** The value a kernel measures in a round's run: every one tells its kernel, round and run apart. */
    long value(String kernel, int round, int run) {
        return 1000L * (kernels.indexOf(kernel) + 10) + 10L * round + run;
    }

    /**
     * Shard K of N: its plan, its run log with its host (node K), the first {@code measured} kernel rounds kept (each with
     * the time its VM spent, {@link #ROUND}), its end when it kept them all ({@link #wallNs}), its setup.
     */
    void write(int index, int count, long seed, String commit, int measured) throws Exception {
        write(index, count, seed, commit, measured, "node" + index, 8);
    }

    /** As {@link #write(int, int, long, String, int)}, on host {@code hostName} with {@code cores} CPUs for the shard. */
    void write(int index, int count, long seed, String commit, int measured, String hostName, int cores) throws Exception {
        Experiment experiment = experiment(index, count, seed);
        ExperimentFile.of(experiment, Accel.TCG).write(ExperimentFile.beside(experiment));
        HostFingerprint host = new HostFingerprint(hostName, "EPYC", cores, "6.1.0", "QEMU 7.2.0", "tcg", "0.1.0", commit);
        try (RunLog log = RunLog.appendTo(experiment.guest().runLog())) {
            log.append(RunRecord.host("2026-11-27T18:00:00Z", host));
        }
        KeptForks forks = KeptForks.of(experiment);
        OrderDesign design = experiment.design();
        int kept = 0;
        // a record per run as kbench run writes them, but without its flush to disk after every line
        try (BufferedWriter runLog = Files.newBufferedWriter(experiment.guest().runLog(), StandardOpenOption.APPEND)) {
            for (int round : experiment.roundsToRun()) {
                for (int position = 0; position < kernels.size(); position++) {
                    if (kept++ == measured) {
                        return;
                    }
                    String kernel = kernels.get(design.round(round).get(position));
                    List<Long> values = new ArrayList<>();
                    for (int run = 0; run < runs; run++) {
                        values.add(value(kernel, round, run));
                        runLog.write(JSON.writeValueAsString(new RunRecord("2026-11-27T18:00:00Z", "WorkloadBenchmark.run", kernel, "eventfd",
                                kernel + "-" + index + "-" + round, "tcg", RunPhase.MEASUREMENT, run, values.get(run), 1_000_000L, null, round, position,
                                null, null)));
                        runLog.newLine();
                    }
                    // where the round's VM spent its time, as its session records it
                    runLog.write(JSON.writeValueAsString(new RunRecord("2026-11-27T18:00:00Z", "WorkloadBenchmark.run", kernel, "eventfd",
                            kernel + "-" + index + "-" + round, "tcg", RunPhase.ROUND, 0, null, ROUND.totalNs(), null, round, position, ROUND, null)));
                    runLog.newLine();
                    forks.keep(new RoundSlot(round, position), JmhRunResults.kernel(kernel, Map.of("workload", "eventfd"),
                            Map.of(JmhResults.WORKLOAD_METRIC, List.of(values))));
                }
            }
            // the experiment's end, as the shard's wall time: 20 s and a second per shard number
            runLog.write(JSON.writeValueAsString(new RunRecord("2026-11-27T18:00:00Z", null, null, null, null, null, RunPhase.EXPERIMENT, 0, null,
                    wallNs(index), null, null, null, null, null)));
            runLog.newLine();
        }
        Map<String, String> definitions = new java.util.LinkedHashMap<>();
        kernels.forEach(k -> definitions.put(k, k));
        new RunSetup(definitions, "tcg", 0, runs, "balanced", seed, Map.of(), Map.of(), null, hostName, "QEMU 7.2.0", "0.1.0",
                "2026-11-27T18:00:00Z", List.of(), List.of(host), index + "/" + count).writeBeside(experiment.besideOut(".json"));
    }
}
