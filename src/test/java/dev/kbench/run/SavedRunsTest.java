package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The line that says what sequential rounds and warm-ups where needed saved, counted from a run log. */
class SavedRunsTest {

    @Test
    void countsTheRunsOfEachVmAgainstEveryWorkloadWarmedAndMeasured() {
        List<RunRecord> records = new ArrayList<>();
        // VM 1: both workloads measured, one warmed; VM 2: one workload measured, not warmed
        records.add(record(RunPhase.WARMUP, "exec"));
        records.add(record(RunPhase.MEASUREMENT, "exec"));
        records.add(record(RunPhase.MEASUREMENT, "getppid"));
        records.add(record(RunPhase.ROUND, "exec getppid"));
        records.add(record(RunPhase.MEASUREMENT, "exec"));
        records.add(record(RunPhase.ROUND, "exec"));
        SavedRuns saved = SavedRuns.of(records);
        assertEquals(new SavedRuns(4, 2), saved);
        assertEquals(Optional.of("ran 4 workload runs, warm-ups included, where every workload warmed and measured in each of the 2 VMs"
                + " would have been 8: 4 saved (50 %)"), saved.line(2, 1, 1));
        assertEquals(Optional.empty(), new SavedRuns(8, 2).line(2, 1, 1), "nothing saved: no line");
    }

    private static RunRecord record(RunPhase phase, String workload) {
        return new RunRecord("2026-12-05T00:00:00Z", "b", "k", workload, "vm", "icount", phase, 0, phase == RunPhase.ROUND ? null : 1L, 0, null, 0, 0,
                null, null, null);
    }
}
