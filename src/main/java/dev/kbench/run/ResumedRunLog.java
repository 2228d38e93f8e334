package dev.kbench.run;

import dev.kbench.plan.RoundSlot;
import dev.kbench.results.JsonLines;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The run log of an interrupted experiment made that of an uninterrupted one up to where it is
 * resumed: it keeps the records of the kernels' rounds whose results were kept, in the order they
 * were written, and the host records, and moves every other record (the runs of the round that was cut off, a failed
 * boot, an earlier end) to {@code OUT.runs.discarded.jsonl}, so that no analysis counts them and
 * nothing measured is lost.
 *
 * @param keptRoundsNs the time the kept rounds' VMs took (boot to teardown), part of the experiment's time
 * @param discarded how many records were moved aside
 */
record ResumedRunLog(long keptRoundsNs, int discarded) {

    static ResumedRunLog prune(Path runLog, Set<RoundSlot> kept, Path discardedFile) throws IOException {
        if (!Files.exists(runLog)) {
            return new ResumedRunLog(0, 0);
        }
        List<RunRecord> keep = new ArrayList<>();
        List<RunRecord> drop = new ArrayList<>();
        for (RunRecord record : RunLog.read(runLog)) {
            // where the kept rounds ran stays said: each run's host is the last host record before it
            boolean ofKeptRound = record.phase() == RunPhase.HOST || record.round() != null && record.position() != null
                    && kept.contains(new RoundSlot(record.round(), record.position())) && record.phase() != RunPhase.EXPERIMENT;
            (ofKeptRound ? keep : drop).add(record);
        }
        if (!drop.isEmpty()) {
            try (JsonLines<RunRecord> aside = JsonLines.appendTo(discardedFile)) {
                for (RunRecord record : drop) {
                    aside.append(record);
                }
            }
        }
        // written whole beside the log, then renamed over it: a crash here leaves the old log or the new one
        Path partial = runLog.resolveSibling(runLog.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (JsonLines<RunRecord> rewritten = JsonLines.appendTo(partial)) {
            for (RunRecord record : keep) {
                rewritten.append(record);
            }
        }
        Files.move(partial, runLog, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long keptNs = keep.stream().filter(r -> r.phase() == RunPhase.ROUND && r.spent() != null).mapToLong(r -> r.spent().totalNs()).sum();
        return new ResumedRunLog(keptNs, drop.size());
    }
}
