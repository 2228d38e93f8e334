package dev.kbench.run;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;

/**
 * What an experiment starts from: nothing, its earlier files with the same name cleared; or, for
 * {@code kbench run --resume}, the kernels' rounds it measured before, with their time.
 *
 * @param kept each kept kernel round's JMH result, by its slot in the order design
 * @param keptNs the time the kept rounds' VMs took, part of the experiment's time
 */
record Continuation(Map<RoundSlot, RunResult> kept, long keptNs) {

    /** A fresh start: the run log, failed boots and kept results of an earlier run with this name belonged to it, and go. */
    static Continuation freshStart(Experiment experiment, KeptForks forks) throws IOException {
        Path runLog = experiment.guest().runLog();
        Files.deleteIfExists(runLog);
        Files.deleteIfExists(discarded(experiment));
        FileTrees.delete(GuestSettings.failedBootsBeside(runLog));
        forks.clear();
        return new Continuation(Map.of(), 0);
    }

    /** The rounds kept beside the experiment's output, its run log cut to them; says what it kept. */
    static Continuation resume(Experiment experiment, KeptForks forks, PrintStream out) throws IOException {
        Map<RoundSlot, RunResult> kept = forks.read();
        ResumedRunLog log = ResumedRunLog.prune(experiment.guest().runLog(), kept.keySet(), discarded(experiment));
        out.println("Resuming: " + kept.size() + " of " + experiment.plannedRounds() * experiment.kernels().size()
                + " kernel rounds were measured before and are kept (" + forks.folder() + ")"
                + (log.discarded() > 0 ? "; " + log.discarded() + " records of the round that was cut off are in " + discarded(experiment) : ""));
        return new Continuation(Map.copyOf(kept), log.keptRoundsNs());
    }

    /**
     * The result kept for {@code slot}, which must be the kernel the design puts there: the
     * experiment file and the kept results belong together.
     */
    Optional<RunResult> take(RoundSlot slot, String kernel, KeptForks forks) throws IOException {
        RunResult result = kept.get(slot);
        if (result == null) {
            return Optional.empty();
        }
        String measured = result.getParams().getParam("kernel");
        if (!kernel.equals(measured)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot resume: " + forks.folder() + " holds kernel " + measured + " in round " + slot.round()
                    + ", position " + slot.position() + ", where this experiment runs " + kernel + " (start it afresh without --resume)");
        }
        return Optional.of(result);
    }

    int size() {
        return kept.size();
    }

    private static Path discarded(Experiment experiment) {
        return experiment.besideOut(".runs.discarded.jsonl");
    }
}
