package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadScaleTest {

    private static final Workload GETPPID = new Workload.BuiltIn("getppid");

    @Test
    void autoRunsATenthUnderIcountAndTheDefaultsElsewhere() throws Exception {
        long defaults = PrintedUnit.ofBuiltIn("getppid").orElseThrow().count();
        assertEquals(1_500_000, defaults, "workloads/getppid.c's DEFAULT_ITERATIONS");
        assertEquals(Optional.of(150_000L), WorkloadScale.AUTO.operations(GETPPID, Accel.ICOUNT));
        assertEquals(Optional.empty(), WorkloadScale.AUTO.operations(new Workload.BuiltIn("eventfd"), Accel.ICOUNT),
                "eventfd's CPU time is counted in ticks: auto leaves it whole");
        assertEquals(Optional.of(500_000L), WorkloadScale.parse("0.5").operations(new Workload.BuiltIn("eventfd"), Accel.ICOUNT),
                "a factor the user gives applies to it too");
        for (Accel accel : new Accel[] {Accel.TCG, Accel.KVM}) {
            assertEquals(Optional.empty(), WorkloadScale.AUTO.operations(GETPPID, accel), "no argument: the workload's own default");
        }
    }

    @Test
    void aGivenFactorAppliesUnderEveryAcceleratorToBuiltInsOnly() throws Exception {
        WorkloadScale half = WorkloadScale.parse("0.5");
        assertEquals(Optional.of(750_000L), half.operations(GETPPID, Accel.TCG));
        assertEquals(Optional.of(750_000L), half.operations(GETPPID, Accel.ICOUNT));
        assertEquals(Optional.empty(), WorkloadScale.parse("1").operations(GETPPID, Accel.ICOUNT), "1: as it is, even under icount");
        assertEquals(Optional.empty(), half.operations(new Workload.Program(Path.of("/bin/true")), Accel.TCG), "lsm-perf's contract: no argument");
        assertEquals(Optional.of(1L), WorkloadScale.parse("0.0000001").operations(GETPPID, Accel.TCG), "at least one operation");
    }

    @Test
    void badFactorsAreRefusedNamingTheValue() {
        for (String bad : new String[] {"0", "-1", "x", "NaN", "1e9"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadScale.parse(bad));
            assertTrue(e.getMessage().contains("scale"), e.getMessage());
        }
        assertEquals("auto", WorkloadScale.parse(" AUTO ").toString());
        assertEquals("0.1", WorkloadScale.parse("0.1").toString());
    }
}
