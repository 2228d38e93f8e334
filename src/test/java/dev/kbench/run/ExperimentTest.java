package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

    @TempDir
    Path tmp;

    private ExperimentBuilder builder() throws Exception {
        return Experiment.builder(GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u")))
                .kernels(List.of("a", "b")).workloads(List.of(new Workload.BuiltIn("eventfd")));
    }

    @Test
    void itsRunLogAndOtherFilesGoBesideTheCsv() throws Exception {
        Experiment experiment = builder().out(tmp.resolve("x/lsm-perf.csv")).build();
        assertEquals(tmp.resolve("x/lsm-perf.runs.jsonl"), experiment.guest().runLog());
        assertEquals(tmp.resolve("x/lsm-perf.json"), experiment.besideOut(".json"));
        assertEquals(false, experiment.suite());
        assertEquals(true, builder().workloads(List.of(new Workload.BuiltIn("eventfd"), new Workload.BuiltIn("getppid"))).build().suite());
    }

    @Test
    void aGivenUnitIsAProgramsOnlyAndABlankNameIsNone() throws Exception {
        Experiment experiment = builder().workloads(List.of(new Workload.BuiltIn("eventfd"), new Workload.Program(Path.of("/opt/prog"))))
                .unit(Optional.of(" ns ")).suiteName(Optional.of(" ")).build();
        assertEquals(Map.of("/opt/prog", "ns"), experiment.units(), "eventfd declares its own unit");
        assertEquals(Optional.empty(), experiment.suiteName());
        assertEquals(Map.of(), builder().build().units());
    }

    @Test
    void lsmPerfsDefaults() throws Exception {
        Experiment experiment = builder().build();
        assertEquals(List.of(5, 100, 5, 512), List.of(experiment.rounds(), experiment.runs(), experiment.warmups(), experiment.memoryMib()));
        assertEquals(Accel.AUTO, experiment.accel());
    }

    @Test
    void whatCannotRunIsRefusedBeforeAnyBoot() throws Exception {
        assertEquals("give at least one kernel with -k",
                assertThrows(IllegalArgumentException.class, () -> builder().kernels(List.of()).build()).getMessage());
        assertEquals("give at least one workload with -w",
                assertThrows(IllegalArgumentException.class, () -> builder().workloads(List.of()).build()).getMessage());
        assertEquals("--rounds and --runs must be at least 1, --warmups at least 0",
                assertThrows(IllegalArgumentException.class, () -> builder().rounds(0).build()).getMessage());
        IllegalArgumentException icount = assertThrows(IllegalArgumentException.class,
                () -> builder().accel(Accel.ICOUNT).pinning(Optional.of(new CpuPinning(0, 0, 0))).build());
        assertEquals(true, icount.getMessage().startsWith("-c pins two vCPUs, but --accel icount runs one"), icount.getMessage());
    }
}
