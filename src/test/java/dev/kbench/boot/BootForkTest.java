package dev.kbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.count.CountingPlugin;
import dev.kbench.jmh.ForkParams;
import dev.kbench.jmh.ForkPlan;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.Options;

class BootForkTest {

    @TempDir
    Path tmp;

    @Test
    void theNamesKbenchBootWritesAreTheBenchmarksClassAndParameters() throws Exception {
        Class<?> benchmark = Class.forName(BootFork.BENCHMARK);
        assertNotNull(benchmark.getMethod("boot"));
        assertEquals(Set.of(BootFork.KERNEL, BootFork.MEM, BootFork.ACCEL), ForkParams.declared(benchmark));
    }

    @Test
    void whatTheBatchWritesTheForkReadsBackTypedAndAForkByHandBootsWarmOnPcFromTheInitramfs() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        BootFork sent = new BootFork("default", 1024, Accel.TCG, CacheMode.COLD, new BootPlan.Shape(Machine.MICROVM, Optional.of(DiskModel.NVME)));
        Options options = sent.options().build();
        Set<String> declared = ForkParams.declared(Class.forName(BootFork.BENCHMARK));
        assertEquals(sent, BootFork.read(ForkParams.of(BootFork.BENCHMARK + ".boot", options, declared), sent.plan(settings)));
        BootFork byHand = BootFork.read(ForkParams.of(BootFork.BENCHMARK + ".boot", options, declared), ForkPlan.of(settings));
        assertEquals(CacheMode.WARM, byHand.cache());
        assertEquals(BootPlan.Shape.DEFAULT, byHand.shape());
    }

    @Test
    void theCountingPluginTheParentBuiltCrossesToTheForkAndOnlyWithAnEmulatedAccelerator() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Optional<CountingPlugin> plugin = Optional.of(new CountingPlugin(tmp.resolve("qemu-plugin/kbench_count-0123.so")));
        BootFork sent = new BootFork("default", 256, Accel.ICOUNT, CacheMode.WARM, BootPlan.Shape.DEFAULT, plugin);
        Options options = sent.options().build();
        Set<String> declared = ForkParams.declared(Class.forName(BootFork.BENCHMARK));
        BootFork received = BootFork.read(ForkParams.of(BootFork.BENCHMARK + ".boot", options, declared), sent.plan(settings));
        assertEquals(plugin, received.counting());
        assertEquals(Optional.empty(), BootFork.read(ForkParams.of(BootFork.BENCHMARK + ".boot", options, declared),
                ForkPlan.of(settings)).counting(), "a fork started by hand does not count");
        IllegalArgumentException kvm = assertThrows(IllegalArgumentException.class,
                () -> new BootFork("default", 256, Accel.KVM, CacheMode.WARM, BootPlan.Shape.DEFAULT, plugin));
        assertTrue(kvm.getMessage().contains("only under --accel tcg or icount"), kvm.getMessage());
    }
}
