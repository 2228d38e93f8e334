package dev.kbench.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.count.CountingPlugin;
import dev.kbench.jmh.ForkPlan;
import dev.kbench.jmh.InProcessJmh;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import java.nio.file.Path;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What one fork of {@code BootBenchmark} is told, written by {@code kbench boot} and read back in
 * the fork, both here: what a JMH user sweeps with {@code -p} (kernel, mem, accel) as
 * {@code @Param}s, the cache mode and the machine's shape, which a batch keeps for all of its
 * boots, in the fork's {@link ForkPlan} (a fork started by hand: a warm cache, pc, kbench's initramfs,
 * no counting). The TCG plugin that counts instructions is built once by the parent; the fork
 * loads the library it names.
 *
 * @param counting the plugin counting the guest's instructions, if the boots count them
 */
public record BootFork(String kernel, int memoryMib, Accel accel, CacheMode cache, BootPlan.Shape shape, Optional<CountingPlugin> counting) {

    public BootFork {
        if (counting.isPresent() && !accel.emulated()) {
            throw new IllegalArgumentException("kernel " + kernel + ": instructions are counted only under --accel tcg or icount, not "
                    + accel.qemuName());
        }
    }

    /** A fork that does not count instructions. */
    public BootFork(String kernel, int memoryMib, Accel accel, CacheMode cache, BootPlan.Shape shape) {
        this(kernel, memoryMib, accel, cache, shape, Optional.empty());
    }

    /**
     * The benchmark's class name; {@code dev.kbench.benchmarks} depends on this package, so it is
     * named rather than imported here, and {@code BootForkTest} checks the name against the class.
     */
    static final String BENCHMARK = "dev.kbench.benchmarks.BootBenchmark";

    static final String KERNEL = "kernel";
    static final String MEM = "mem";
    static final String ACCEL = "accel";
    private static final String CACHE = "cache";
    private static final String MACHINE = "machine";
    private static final String ROOTFS = "rootfs";
    private static final String COUNTING_PLUGIN = "countingPlugin";

    /** JMH's options for one fork of {@code BootBenchmark.boot} with its parameters. */
    ChainedOptionsBuilder options() {
        return new OptionsBuilder().include(InProcessJmh.only(BENCHMARK, "boot"))
                .param(KERNEL, kernel).param(MEM, Integer.toString(memoryMib)).param(ACCEL, accel.qemuName());
    }

    /** The plan that crosses with it: the guest's settings, the cache mode, the machine and its root file system. */
    ForkPlan plan(GuestSettings settings) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put(CACHE, cache.optionName());
        fields.put(MACHINE, shape.machine().qemuName());
        shape.rootfs().ifPresent(disk -> fields.put(ROOTFS, disk.optionName()));
        counting.ifPresent(plugin -> fields.put(COUNTING_PLUGIN, plugin.library().toAbsolutePath().toString()));
        return ForkPlan.of(settings).benchmark(fields);
    }

    /** What this fork was told: its parameters as JMH gives them, and its plan. */
    public static BootFork read(BenchmarkParams params, ForkPlan plan) {
        JsonNode fields = plan.benchmark();
        return new BootFork(params.getParam(KERNEL), Integer.parseInt(params.getParam(MEM)), Accel.parse(params.getParam(ACCEL)),
                CacheMode.parse(fields.path(CACHE).asText(CacheMode.WARM.optionName())),
                new BootPlan.Shape(Machine.parse(fields.path(MACHINE).asText(Machine.PC.qemuName())),
                        fields.has(ROOTFS) ? Optional.of(DiskModel.parse(fields.path(ROOTFS).asText())) : Optional.empty()),
                fields.has(COUNTING_PLUGIN) ? Optional.of(new CountingPlugin(Path.of(fields.path(COUNTING_PLUGIN).asText()))) : Optional.empty());
    }
}
