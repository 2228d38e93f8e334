package dev.kbench.benchmarks;

import dev.kbench.jmh.ForkHandOff;
import dev.kbench.plan.BootPlan;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What kbench's guest adds to a boot: QEMU start until the guest agent answers, next to a
 * bare boot of the same kernel whose init only powers off (QEMU start until QEMU exits).
 * Each invocation is one fresh VM. See docs/measurements.md.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class BootBaselineBenchmark {

    @Param({"kbench-agent", "kbench-poweroff-init"})
    public String init;

    @Param("default")
    public String kernel;

    @Param("auto")
    public String accel;

    private BootPlan plan;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        plan = BootPlan.builder(ForkHandOff.received().settings(), kernel).accel(Accel.parse(accel))
                .contents(image -> image.init(init)).prepare();
    }

    /**
     * JMH's own time includes stopping the VM; the boot alone, from QEMU's start until the
     * agent answers (or until the bare guest has powered off and QEMU exited), is this metric.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Boot {
        public double readyMillis;
    }

    @Benchmark
    public void bootToReady(Boot boot) throws IOException {
        if (init.equals("kbench-poweroff-init")) {
            try (Vm vm = Vm.launch(plan.spec())) {
                long start = System.nanoTime();
                if (!vm.hasExited(plan.spec().bootTimeout())) {
                    throw new IOException("the bare-boot guest did not power off within " + plan.spec().bootTimeout().toSeconds() + " s");
                }
                boot.readyMillis = (System.nanoTime() - start) / 1e6;
            }
            return;
        }
        try (Vm vm = Vm.boot(plan.spec())) {
            boot.readyMillis = vm.bootDuration().toNanos() / 1e6;
        }
    }
}
