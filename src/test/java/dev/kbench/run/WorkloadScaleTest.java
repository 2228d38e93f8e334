package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.Workload;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadScaleTest {

    private static final Workload GETPPID = new Workload.BuiltIn("getppid");

    @Test
    void oneRunsEveryWorkloadAsItIs() throws Exception {
        assertEquals(1_500_000, PrintedUnit.ofBuiltIn("getppid").orElseThrow().count(), "workloads/getppid.c's DEFAULT_ITERATIONS");
        assertEquals(Optional.empty(), WorkloadScale.ONE.operations(GETPPID), "no argument: the workload's own default");
        assertEquals(Optional.empty(), WorkloadScale.parse("1.0").operations(new Workload.BuiltIn("eventfd")));
    }

    @Test
    void aFactorScalesBuiltInsOnly() throws Exception {
        assertEquals(Optional.of(150_000L), WorkloadScale.parse("0.1").operations(GETPPID));
        assertEquals(Optional.of(500_000L), WorkloadScale.parse("0.5").operations(new Workload.BuiltIn("eventfd")));
        assertEquals(Optional.of(3_000_000L), WorkloadScale.parse("2").operations(GETPPID));
        assertEquals(Optional.empty(), WorkloadScale.parse("0.5").operations(new Workload.Program(Path.of("/bin/true"))),
                "lsm-perf's contract: no argument");
        assertEquals(Optional.of(1L), WorkloadScale.parse("0.0000001").operations(GETPPID), "at least one operation");
    }

    @Test
    void badFactorsAreRefusedNamingTheValue() {
        for (String bad : new String[] {"0", "-1", "x", "NaN", "1e9", "auto"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadScale.parse(bad));
            assertTrue(e.getMessage().contains("scale"), e.getMessage());
        }
        assertEquals("1", WorkloadScale.ONE.toString());
        assertEquals("0.1", WorkloadScale.parse("0.1").toString());
    }
}
