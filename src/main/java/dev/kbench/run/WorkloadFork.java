package dev.kbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.guest.Workload;
import dev.kbench.guest.WorkloadSuite;
import dev.kbench.jmh.ForkPlan;
import dev.kbench.jmh.InProcessJmh;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What one fork of {@code WorkloadBenchmark} or {@code SuiteBenchmark} is told, written by
 * {@code kbench run} and read back in the fork, both here, so that the names of the benchmarks'
 * {@code @Param}s are spelt once. The dimensions a JMH user sweeps with {@code -p} (kernel,
 * workload or workloads, accel, mem, cpus, scale) are {@code @Param}s, as JMH means them to be;
 * the disk image, which no one sweeps, crosses in the fork's {@link ForkPlan}.
 *
 * @param suite whether the workloads run as {@code SuiteBenchmark}'s passes, else one workload as {@code WorkloadBenchmark}
 * @param warmed the ids of the workloads that run in warm-up passes (a workload whose first run is like the others needs none)
 */
public record WorkloadFork(String kernel, List<Workload> workloads, boolean suite, Accel accel, int memoryMib,
        Optional<CpuPinning> pinning, WorkloadScale scale, Optional<Path> image, List<String> warmed) {

    /**
     * The benchmarks' class names; {@code dev.kbench.benchmarks} depends on this package, so it is
     * named rather than imported here, and {@code WorkloadForkTest} checks the names against the classes.
     */
    static final String WORKLOAD_BENCHMARK = "dev.kbench.benchmarks.WorkloadBenchmark";
    static final String SUITE_BENCHMARK = "dev.kbench.benchmarks.SuiteBenchmark";

    static final String KERNEL = "kernel";
    static final String WORKLOAD = "workload";
    static final String WORKLOADS = "workloads";
    static final String ACCEL = "accel";
    static final String MEM = "mem";
    static final String CPUS = "cpus";
    static final String SCALE = "scale";
    /**
     * {@code cpus} when QEMU is not pinned: JMH gives every {@code @Param} a value, and this is the
     * one the README documents; {@code kbench run} leaves {@code cpus} out instead.
     */
    public static final String UNPINNED = "none";
    private static final String IMAGE = "image";
    private static final String WARMED = "warmed";

    public WorkloadFork {
        workloads = List.copyOf(workloads);
        warmed = List.copyOf(warmed);
    }

    /**
     * The experiment's fork of {@code kernel} running {@code workloads} (the experiment's, or the ones a
     * sequential round still measures), under the accelerator decided for all of them.
     */
    static WorkloadFork of(Experiment experiment, String kernel, Accel accel, List<Workload> workloads) {
        List<String> warmed = experiment.warmedUnder(accel).stream().filter(id -> workloads.stream().anyMatch(w -> w.id().equals(id))).toList();
        return new WorkloadFork(kernel, workloads, experiment.suite(), accel, experiment.memoryMib(), experiment.pinning(),
                experiment.scale(), experiment.image().map(Path::toAbsolutePath), warmed);
    }

    /** Whether any of its workloads runs in warm-up passes: without one, the fork has none. */
    boolean warms() {
        return !warmed.isEmpty();
    }

    /** JMH's options for one fork of this benchmark with its parameters. */
    ChainedOptionsBuilder options() {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(suite ? InProcessJmh.only(SUITE_BENCHMARK, "pass") : InProcessJmh.only(WORKLOAD_BENCHMARK, "run"))
                .param(KERNEL, kernel).param(ACCEL, accel.qemuName()).param(MEM, Integer.toString(memoryMib)).param(SCALE, scale.toString());
        pinning.ifPresent(p -> options.param(CPUS, p.toString()));
        return suite ? options.param(WORKLOADS, Workload.format(workloads)) : options.param(WORKLOAD, workloads.get(0).id());
    }

    /** The plan that crosses with it: the guest's settings, the round, the disk image, the workloads warmed. */
    ForkPlan plan(GuestSettings settings, RoundSlot slot) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        image.ifPresent(path -> fields.put(IMAGE, path.toString()));
        if (warmed.size() < workloads.size()) {
            // absent, every workload is warmed, as JMH's warm-up iterations mean by hand
            warmed.forEach(fields.putArray(WARMED)::add);
        }
        return ForkPlan.of(settings).slot(slot).benchmark(fields);
    }

    /**
     * What this fork was told: its parameters as JMH gives them and its plan (a fork started by hand:
     * the defaults, every workload warmed, as JMH's warm-up iterations mean).
     */
    public static WorkloadFork read(BenchmarkParams params, ForkPlan plan) throws IOException {
        boolean suite = params.getParamsKeys().contains(WORKLOADS);
        List<Workload> workloads = Workload.parseAll(suite ? WorkloadSuite.parse(params.getParam(WORKLOADS)) : List.of(params.getParam(WORKLOAD)));
        String cpus = params.getParam(CPUS);
        JsonNode image = plan.benchmark().path(IMAGE);
        JsonNode warmedField = plan.benchmark().path(WARMED);
        List<String> warmed = new ArrayList<>();
        if (warmedField.isArray()) {
            warmedField.forEach(id -> warmed.add(id.asText()));
        } else {
            workloads.forEach(w -> warmed.add(w.id()));
        }
        return new WorkloadFork(params.getParam(KERNEL), workloads, suite, Accel.parse(params.getParam(ACCEL)),
                Integer.parseInt(params.getParam(MEM)), cpus.equals(UNPINNED) ? Optional.empty() : Optional.of(CpuPinning.parse(cpus)),
                WorkloadScale.parse(params.getParam(SCALE)), image.isTextual() ? Optional.of(Path.of(image.asText())) : Optional.empty(),
                warmed);
    }

    /** A session of this fork, ready to boot, recording its runs under JMH's name for {@code benchmark}. */
    public SessionBuilder session(ForkPlan plan, String benchmark) {
        return WorkloadSession.builder(plan.settings(), kernel, workloads).slot(plan.slot()).accel(accel).memoryMib(memoryMib)
                .pinning(pinning).image(image).scale(scale).benchmark(benchmark).warmed(warmed);
    }
}
