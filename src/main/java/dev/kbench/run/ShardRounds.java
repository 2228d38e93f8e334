package dev.kbench.run;

import dev.kbench.plan.RoundSlot;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;

/**
 * The rounds every shard of an experiment has kept so far beside its output ({@code
 * shard-K-of-N/}), read while the shards still run: the jobs of {@code --jobs} on one host, or
 * hosts writing to one shared folder. A shard whose folder is not there (a host of its own) adds
 * nothing. Kept results are written whole or not at all, so a sibling's round is either there or not.
 */
final class ShardRounds {

    /** How long a look waits for a sibling's rounds with none of them finishing (a sibling killed outright writes no end). */
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private ShardRounds() {
    }

    /**
     * Waits until every sibling shard still running beside this one has kept its rounds before
     * {@code before} (measured at once with this shard's, so the wait is short), so that every
     * shard's look decides on the same rounds; a sibling that ended (its run log says so) or whose
     * folder is not here is not waited for.
     */
    static void awaitRoundsBefore(Experiment experiment, int before, PrintStream out) throws IOException {
        int missingBefore = -1;
        long since = System.nanoTime();
        boolean said = false;
        while (true) {
            List<String> waitingFor = new ArrayList<>();
            int missing = 0;
            Shard own = experiment.shard().orElseThrow();
            for (int index = 1; index <= own.count(); index++) {
                Shard shard = new Shard(index, own.count());
                Path output = shard.outputOf(experiment.givenOut());
                int lacking = index == own.index() || !Files.isDirectory(output.getParent()) ? 0 : missingRounds(experiment, shard, output, before);
                if (lacking > 0 && ended(output)) {
                    lacking = 0;
                }
                if (lacking > 0) {
                    waitingFor.add(shard.toString());
                    missing += lacking;
                }
            }
            if (missing == 0) {
                return;
            }
            if (missing != missingBefore) {
                missingBefore = missing;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > PATIENCE.toNanos()) {
                out.println("kbench: shard " + String.join(", ", waitingFor) + " kept none of its rounds before round " + before + " for "
                        + PATIENCE.toMinutes() + " min; deciding without them");
                return;
            }
            if (!said) {
                out.println("kbench: waiting for shard " + String.join(", ", waitingFor) + " to finish its rounds before round " + before
                        + ", which decide what the next rounds measure");
                said = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for the other shards' rounds before round " + before);
            }
        }
    }

    /** How many of its rounds before {@code before} {@code shard} has not finished (a round's end is marked beside its results). */
    private static int missingRounds(Experiment experiment, Shard shard, Path out, int before) throws IOException {
        Set<Integer> finished = new KeptForks(Experiment.besideOut(out, ".forks")).finishedRounds();
        return (int) shard.roundsInTurn(experiment.maxRounds()).stream().filter(round -> round < before && !finished.contains(round)).count();
    }

    /** Whether the shard writing {@code out} has ended its latest start: its run log's last host record has an end after it. */
    private static boolean ended(Path out) throws IOException {
        Path runLog = Experiment.besideOut(out, ".runs.jsonl");
        if (!Files.exists(runLog)) {
            return false;
        }
        boolean ended = false;
        for (RunRecord record : RunLog.read(runLog)) {
            if (record.phase() == RunPhase.HOST) {
                ended = false;
            } else if (record.phase() == RunPhase.EXPERIMENT) {
                ended = true;
            }
        }
        return ended;
    }

    /** Per workload, each kernel's rounds kept by any shard of {@code experiment} among the rounds before {@code round}. */
    static Map<String, List<KernelRounds>> keptBefore(Experiment experiment, int round) throws IOException {
        int count = experiment.shard().orElseThrow().count();
        OrderDesign design = experiment.design();
        SortedMap<RoundSlot, RunResult> kept = new TreeMap<>(java.util.Comparator.comparingInt(RoundSlot::round).thenComparingInt(RoundSlot::position));
        for (int index = 1; index <= count; index++) {
            KeptForks forks = new KeptForks(Experiment.besideOut(new Shard(index, count).outputOf(experiment.givenOut()), ".forks"));
            for (RoundSlot slot : forks.slots()) {
                if (slot.round() < round) {
                    kept.put(slot, forks.read(slot));
                }
            }
        }
        MeasuredRounds measured = new MeasuredRounds(experiment.kernels(), experiment.workloads().stream().map(w -> w.id()).toList());
        int current = -1;
        for (Map.Entry<RoundSlot, RunResult> entry : kept.entrySet()) {
            if (entry.getKey().round() != current) {
                current = entry.getKey().round();
                measured.startRound();
            }
            String kernel = experiment.kernels().get(design.round(current).get(entry.getKey().position()));
            measured.add(kernel, Optional.empty(), entry.getValue());
        }
        return measured.byWorkload();
    }
}
