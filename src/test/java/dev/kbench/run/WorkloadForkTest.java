package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.jmh.ForkParams;
import dev.kbench.jmh.ForkPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.Options;

class WorkloadForkTest {

    @TempDir
    Path tmp;

    @Test
    void theNamesKbenchRunWritesAreTheBenchmarksClassesAndParameters() throws Exception {
        Class<?> single = Class.forName(WorkloadFork.WORKLOAD_BENCHMARK);
        Class<?> suite = Class.forName(WorkloadFork.SUITE_BENCHMARK);
        assertNotNull(single.getMethod("run"));
        assertNotNull(suite.getMethod("pass"));
        assertEquals(Set.of(WorkloadFork.KERNEL, WorkloadFork.ACCEL, WorkloadFork.MEM, WorkloadFork.CPUS, WorkloadFork.SCALE,
                WorkloadFork.WORKLOAD), ForkParams.declared(single));
        assertEquals(Set.of(WorkloadFork.KERNEL, WorkloadFork.ACCEL, WorkloadFork.MEM, WorkloadFork.CPUS, WorkloadFork.SCALE,
                WorkloadFork.WORKLOADS), ForkParams.declared(suite));
    }

    @Test
    void whatTheParentWritesTheForkReadsBackTyped() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        WorkloadFork sent = new WorkloadFork("caponly", Workload.parseAll(List.of("eventfd")), false, Accel.ICOUNT, 384,
                Optional.of(CpuPinning.parse("1:0:1")), new WorkloadScale(0.5), Optional.of(Path.of("/images/guest.qcow2")), List.of("eventfd"));
        Options options = sent.options().build();
        assertEquals(List.of("^dev\\.kbench\\.benchmarks\\.WorkloadBenchmark\\.run$"), options.getIncludes());
        ForkPlan plan = sent.plan(settings, new RoundSlot(2, 0));
        WorkloadFork read = WorkloadFork.read(ForkParams.of(WorkloadFork.WORKLOAD_BENCHMARK + ".run", options,
                ForkParams.declared(Class.forName(WorkloadFork.WORKLOAD_BENCHMARK))), plan);
        assertEquals(sent, read);
    }

    @Test
    void aSuiteUnpinnedWithoutAnImageLeavesCpusToItsDefaultAndItsPlanEmpty() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        WorkloadFork sent = new WorkloadFork("default", Workload.parseAll(List.of("getppid", "fork")), true, Accel.TCG, 512,
                Optional.empty(), WorkloadScale.AUTO, Optional.empty(), List.of("getppid", "fork"));
        Options options = sent.options().build();
        assertFalse(options.getParameter(WorkloadFork.CPUS).hasValue(), "no pinning: cpus is not passed");
        ForkPlan plan = sent.plan(settings, new RoundSlot(0, 1));
        assertEquals(0, plan.benchmark().size());
        var params = ForkParams.of(WorkloadFork.SUITE_BENCHMARK + ".pass", sent.options().param(WorkloadFork.CPUS, WorkloadFork.UNPINNED).build(),
                ForkParams.declared(Class.forName(WorkloadFork.SUITE_BENCHMARK)));
        assertEquals(sent, WorkloadFork.read(params, plan));
    }

    @Test
    void aSuiteWarmingSomeOfItsWorkloadsSaysWhichInItsPlan() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        WorkloadFork sent = new WorkloadFork("default", Workload.parseAll(List.of("getppid", "exec")), true, Accel.ICOUNT, 512,
                Optional.empty(), WorkloadScale.AUTO, Optional.empty(), List.of("exec"));
        ForkPlan plan = sent.plan(settings, new RoundSlot(0, 0));
        assertEquals("[\"exec\"]", plan.benchmark().path("warmed").toString());
        var params = ForkParams.of(WorkloadFork.SUITE_BENCHMARK + ".pass", sent.options().param(WorkloadFork.CPUS, WorkloadFork.UNPINNED).build(),
                ForkParams.declared(Class.forName(WorkloadFork.SUITE_BENCHMARK)));
        WorkloadFork read = WorkloadFork.read(params, plan);
        assertEquals(List.of("exec"), read.warmed());
        assertTrue(read.warms());
    }
}
