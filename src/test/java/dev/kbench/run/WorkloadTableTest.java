package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which workloads keep a precaution: those measured to need it, and anything not measured. */
class WorkloadTableTest {

    private static final List<Workload> SOME = List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("exec"),
            new Workload.BuiltIn("write-big"), new Workload.BuiltIn("page-fault"), new Workload.Program(Path.of("/work/getppid")));

    @Test
    void theShippedWarmUpTableWarmsWhatItsFirstRunsShowedAndAllItDidNotMeasure() {
        WorkloadTable rule = WorkloadTable.shipped(WorkloadTable.WARM_UPS);
        assertEquals(List.of("exec", "/work/getppid"), rule.needing(Accel.ICOUNT, SOME), "icount: exec's first run differs; a program is not measured");
        assertEquals(List.of("write-big", "/work/getppid"), rule.needing(Accel.TCG, SOME), "TCG: write-big's first run differs");
        assertEquals(List.of("getppid", "exec", "write-big", "page-fault", "/work/getppid"), rule.needing(Accel.KVM, SOME), "nothing measured under KVM");
    }

    @Test
    void theShippedRoundModesTableHoldsTheWorkloadsWhoseRoundsJump() {
        WorkloadTable rule = WorkloadTable.shipped(WorkloadTable.ROUND_MODES);
        assertEquals(List.of("exec", "page-fault", "/work/getppid"), rule.needing(Accel.ICOUNT, SOME),
                "icount: exec's and page-fault's rounds jump by more than 1 % in some VMs; a program is not measured");
        assertEquals(SOME.stream().map(Workload::id).toList(), rule.needing(Accel.KVM, SOME), "nothing measured under KVM");
    }

    @Test
    void aLineThatIsNotTheTablesIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkloadTable.parse("first-runs.tsv", List.of("icount\tgetppid\t32\t-0.005\t0.72")));
        assertEquals("first-runs.tsv: not a line of six fields ending in yes or no: icount\tgetppid\t32\t-0.005\t0.72", e.getMessage());
    }
}
