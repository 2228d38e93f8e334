package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.IcountCount;
import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadScaleTest {

    private static final Workload GETPPID = new Workload.BuiltIn("getppid");
    private static final Workload FORK = new Workload.BuiltIn("fork");
    private static final Workload PROGRAM = new Workload.Program(Path.of("/bin/true"));

    @Test
    void oneRunsEveryWorkloadAsItIs() throws Exception {
        assertEquals(1_500_000, PrintedUnit.ofBuiltIn("getppid").orElseThrow().count(), "workloads/getppid.c's DEFAULT_ITERATIONS");
        for (Accel accel : Accel.values()) {
            assertEquals(Optional.empty(), WorkloadScale.ONE.operations(GETPPID, accel), "no argument: the workload's own default");
            assertEquals(Optional.empty(), WorkloadScale.parse("1.0").operations(new Workload.BuiltIn("eventfd"), accel));
        }
    }

    @Test
    void aFactorScalesBuiltInsOnlyUnderAnyAccelerator() throws Exception {
        for (Accel accel : List.of(Accel.TCG, Accel.ICOUNT)) {
            assertEquals(Optional.of(150_000L), WorkloadScale.parse("0.1").operations(GETPPID, accel));
            assertEquals(Optional.of(70L), WorkloadScale.parse("0.1").operations(FORK, accel), "not icount's count: the factor overrides");
            assertEquals(Optional.of(500_000L), WorkloadScale.parse("0.5").operations(new Workload.BuiltIn("eventfd"), accel));
            assertEquals(Optional.of(3_000_000L), WorkloadScale.parse("2").operations(GETPPID, accel));
            assertEquals(Optional.empty(), WorkloadScale.parse("0.5").operations(PROGRAM, accel), "lsm-perf's contract: no argument");
            assertEquals(Optional.of(1L), WorkloadScale.parse("0.0000001").operations(GETPPID, accel), "at least one operation");
        }
    }

    @Test
    void autoRunsTheDefaultCountsUnderTcgAndKvm() throws Exception {
        for (Accel accel : List.of(Accel.TCG, Accel.KVM)) {
            for (String name : PrintedUnit.all().keySet()) {
                assertEquals(Optional.empty(), WorkloadScale.AUTO.operations(new Workload.BuiltIn(name), accel), name);
            }
            assertEquals(Map.of(), WorkloadScale.AUTO.operations(List.of(GETPPID, FORK, PROGRAM), accel));
        }
    }

    @Test
    void autoRunsEachWorkloadsOwnCountUnderIcount() throws Exception {
        assertEquals(150_000L, IcountCount.ofBuiltIn("getppid").orElseThrow(), "workloads/getppid.c's ICOUNT_ITERATIONS");
        assertEquals(Optional.of(150_000L), WorkloadScale.AUTO.operations(GETPPID, Accel.ICOUNT));
        assertEquals(Optional.empty(), WorkloadScale.AUTO.operations(FORK, Accel.ICOUNT), "fork keeps its default count: no argument");
        assertEquals(Optional.empty(), WorkloadScale.AUTO.operations(PROGRAM, Accel.ICOUNT));
        assertEquals(Map.of("getppid", 150_000L), WorkloadScale.AUTO.operations(List.of(GETPPID, FORK, PROGRAM), Accel.ICOUNT));
    }

    @Test
    void everyBuiltInWorkloadDeclaresACountUnderIcountNoneAboveItsDefault() throws Exception {
        Map<String, PrintedUnit> units = PrintedUnit.all();
        Map<String, Long> icount = IcountCount.all();
        assertEquals(units.keySet(), icount.keySet());
        // fewer operations are the point; a tenth is the fewest that were measured
        icount.forEach((name, n) -> assertTrue(n <= units.get(name).count() && n * 10 >= units.get(name).count(), name + ": " + n));
    }

    @Test
    void theRuleAndItsCountsAreDescribedForTheSetup() throws Exception {
        assertEquals("auto: the built-in workloads' default counts (tcg)", WorkloadScale.AUTO.describe(List.of(GETPPID), Accel.TCG));
        assertEquals("auto: the built-in workloads' default counts (not icount)", WorkloadScale.AUTO.describe(List.of(GETPPID), Accel.AUTO),
                "lsm-cost says it before auto is decided");
        assertEquals("auto: each built-in workload's count under icount (ICOUNT_ITERATIONS in workloads/*.c); getppid 150000 operations,"
                + " the others their default counts", WorkloadScale.AUTO.describe(List.of(FORK, GETPPID), Accel.ICOUNT));
        assertEquals("0.5 x the built-in workloads' default counts; fork 350 operations, the others their default counts",
                WorkloadScale.parse("0.5").describe(List.of(FORK, PROGRAM), Accel.TCG));
    }

    @Test
    void badScalesAreRefusedNamingTheValue() {
        for (String bad : new String[] {"0", "-1", "x", "NaN", "1e9", "automatic"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadScale.parse(bad));
            assertTrue(e.getMessage().contains("scale"), e.getMessage());
        }
        assertEquals("1", WorkloadScale.ONE.toString());
        assertEquals("0.1", WorkloadScale.parse("0.1").toString());
        assertEquals("auto", WorkloadScale.parse("auto").toString());
        assertEquals(WorkloadScale.AUTO, WorkloadScale.parse(" AUTO "));
    }
}
