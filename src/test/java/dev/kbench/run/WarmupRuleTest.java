package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which workloads get warm-up runs: those measured to need one, and anything not measured. */
class WarmupRuleTest {

    private static final List<Workload> SOME = List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("exec"),
            new Workload.BuiltIn("write-big"), new Workload.Program(Path.of("/work/getppid")));

    @Test
    void theShippedTableWarmsWhatItsFirstRunsShowedAndAllItDidNotMeasure() {
        WarmupRule rule = WarmupRule.measured();
        assertEquals(List.of("exec", "/work/getppid"), rule.warmed(Accel.ICOUNT, SOME), "icount: exec's first run differs; a program is not measured");
        assertEquals(List.of("write-big", "/work/getppid"), rule.warmed(Accel.TCG, SOME), "TCG: write-big's first run differs");
        assertEquals(List.of("getppid", "exec", "write-big", "/work/getppid"), rule.warmed(Accel.KVM, SOME), "nothing measured under KVM");
    }

    @Test
    void aLineThatIsNotTheTablesIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WarmupRule.parse(List.of("icount\tgetppid\t32\t-0.005\t0.72")));
        assertEquals("first-runs.tsv: not a line of six fields ending in yes or no: icount\tgetppid\t32\t-0.005\t0.72", e.getMessage());
    }
}
