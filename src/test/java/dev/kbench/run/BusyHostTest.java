package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.RoundTime;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link BusyHost}: the line that says other processes' load is in the times, and only when there was some. */
class BusyHostTest {

    private static RunRecord round(String kernel, int round, long runsNs, long othersCpuNs) {
        return new RunRecord("t", "b", kernel, "eventfd", kernel + round, "tcg", RunPhase.ROUND, 0, null, runsNs, null, round, 0,
                new RoundTime(1, 1, runsNs, 1, othersCpuNs), null);
    }

    @Test
    void aQuietHostSaysNothing() {
        List<RunRecord> records = List.of(round("stock", 0, 10_000_000_000L, 200_000_000L), round("caponly", 0, 10_000_000_000L, 0));
        assertEquals(Optional.empty(), BusyHost.of(records).line());
    }

    @Test
    void theVmsThatRanBesideOtherWorkAreCountedAndTheBusiestNamed() {
        List<RunRecord> records = List.of(round("stock", 0, 10_000_000_000L, 0), round("caponly", 0, 10_000_000_000L, 12_000_000_000L),
                round("stock", 1, 10_000_000_000L, 4_000_000_000L), round("caponly", 1, 10_000_000_000L, 500_000_000L));
        String line = BusyHost.of(records).line().orElseThrow();
        assertEquals("other processes kept 0.80 of kbench's CPUs busy on average while 2 of its 4 VMs ran their workloads (the most: 1.20,"
                + " beside caponly in round 0); their load is in those times: measure on a quiet host", line);
    }

    @Test
    void aRunLogOfAKbenchThatDidNotMeasureItSaysNothing() {
        RunRecord old = round("stock", 0, 10_000_000_000L, 0);
        assertTrue(BusyHost.of(List.of(old)).line().isEmpty());
    }
}
