package dev.kbench.benchmarks;

import dev.kbench.boot.BootFork;
import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootMeasurement;
import dev.kbench.boot.BootPhaseMetrics;
import dev.kbench.boot.BootRecord;
import dev.kbench.boot.CacheMode;
import dev.kbench.boot.PageCache;
import dev.kbench.count.Counting;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.ForkPlan;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.JsonLines;
import dev.kbench.vm.Machine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The (FG)KASLR suite's experiment: every invocation boots a fresh VM until the guest agent is
 * ready, and stops it. JMH's score is the host-side time of all of that; the phases from the
 * boot markers go to kbench's boot log ({@code kbench boot}'s, else $KBENCH_BOOT_LOG, default kbench-boots.jsonl), read by
 * {@code kbench boot-table}; a boot that fails leaves its console and QEMU's state in the folder
 * beside it ({@link BootLog#failureDir}). The profiler {@link BootPhaseMetrics} makes each phase a
 * secondary metric in milliseconds, averaged over boots ({@code kbench boot} adds it; by hand
 * {@code -prof dev.kbench.boot.BootPhaseMetrics}): JMH's score and error are then a phase's
 * per-boot mean, where {@code @AuxCounters} would sum the phase over iterations. The fields
 * declare the parameters to JMH; {@link BootFork#read} reads them, typed, with the fork's plan
 * (the cache mode and the machine's shape, which {@code kbench boot} sets; warm, pc and kbench's
 * initramfs by hand).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class BootBenchmark {

    @Param("default")
    public String kernel;

    /** Guest memory in MiB. */
    @Param("256")
    public int mem;

    @Param("auto")
    public String accel;

    private BootMeasurement measurement;
    private JsonLines<BootRecord> log;
    private CacheMode cacheMode;

    @Setup(Level.Trial)
    public void prepare(BenchmarkParams params) throws IOException {
        ForkPlan forkPlan = ForkHandOff.received();
        BootFork fork = BootFork.read(params, forkPlan);
        cacheMode = fork.cache();
        BootPlan.Shape shape = fork.shape();
        GuestSettings settings = forkPlan.settings();
        // a boot that fails leaves its console and QEMU's state beside the boot log
        BootPlan.Builder builder = BootPlan.builder(settings, fork.kernel()).shape(shape).accel(fork.accel()).memoryMib(fork.memoryMib())
                .failureDir(BootLog.failureDir(settings.bootLog()));
        fork.counting().ifPresent(plugin -> builder.counting(Counting.markers(plugin)));
        BootPlan plan = builder.prepare();
        log = BootLog.appendTo(settings.bootLog());
        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("mem", Integer.toString(fork.memoryMib()));
        setting.put("cache", cacheMode.optionName());
        setting.put("accel", plan.accel().qemuName());
        // as decided for this kernel (BootPlan reads its configuration): a kernel without initramfs
        // support boots from a virtio-blk root, one without PCI on microvm, one without ACPI with ACPI off
        if (plan.spec().machine() != Machine.PC) {
            setting.put("machine", plan.spec().machine().qemuName());
        }
        plan.spec().rootfs().ifPresent(fs -> setting.put("rootfs", fs.disk().optionName()));
        if (!plan.spec().acpi()) {
            setting.put("acpi", "off");
        }
        // the plugin costs the emulation a little time: boots that count are a setting of their own
        if (fork.counting().isPresent()) {
            setting.put("count", "instructions");
        }
        measurement = new BootMeasurement(plan, setting, log);
    }

    private boolean warmup;

    @Setup(Level.Iteration)
    public void phase(IterationParams iteration) {
        warmup = iteration.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void coldCache() throws IOException {
        if (cacheMode == CacheMode.COLD) {
            PageCache.drop();
        }
    }

    @Benchmark
    public void boot() throws IOException {
        measurement.bootOnce(warmup);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (log != null) {
            log.close();
        }
    }
}
