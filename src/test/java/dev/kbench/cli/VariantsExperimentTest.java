package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start line of a sequential experiment says which workloads run in every round whatever the looks decide. */
class VariantsExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void theStartLineNamesTheHeldWorkloads() throws Exception {
        Experiment icount = sequential(Accel.ICOUNT);
        assertEquals("at least 2 rounds x 2 variants (at most 4; rounds past 2 run only the workloads still undecided, and page-fault in every"
                + " round (their rounds jump between modes or were never measured)), each a fresh VM running 1 measured pass over the suite",
                VariantsExperiment.design(icount, Accel.ICOUNT, "pass", "over the suite"));
        assertEquals("at least 2 rounds x 2 variants (at most 4; rounds past 2 run only the workloads still undecided; here that is every"
                + " workload (their rounds jump between modes or were never measured)), each a fresh VM running 1 measured pass over the suite",
                VariantsExperiment.design(sequential(Accel.KVM), Accel.KVM, "pass", "over the suite"), "nothing is measured under KVM");
    }

    private Experiment sequential(Accel accel) throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        return Experiment.builder(guest).kernels(List.of("a", "b")).workloads(List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("page-fault")))
                .rounds(2).runs(1).warmups(0).accel(accel).sequential(true).out(tmp.resolve("out/x.csv")).build();
    }
}
